// The drill-down and the one-page summary in the browser, on the plan
// tests/cli/browser.rs prepares in $ROADMAP_DRILL (drill_inputs): its report,
// its context, `progress --format json` and `git log --format="%H %s"`.
// Every expected value comes from those files, never from a guess.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

// The numeric observations progress prints for a key result: its own, or
// those of the item it measures within its quarter.
function expectedPoints(progress, kr) {
  const [y, q] = kr.period.split("-Q").map(Number);
  const start = `${y}-${String((q - 1) * 3 + 1).padStart(2, "0")}-01`;
  const end = new Date(Date.UTC(y, q * 3, 0)).toISOString().slice(0, 10);
  return progress.observations
    .filter((o) =>
      kr.measures
        ? o.id === kr.measures && o.kind !== "target" && typeof o.value === "number" && o.date >= start && o.date <= end
        : o.kind === "key-result" && o.id === kr.id && o.period === kr.period,
    )
    .map((o) => ({ date: o.date, value: o.value, commit: o.commit }));
}

// The number a cell of the metrics table shows, as the sort reads it.
const shown = (m) => m.now?.actual ?? null;

function pdfText(pdf, file) {
  fs.writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

export async function checkDrill({ open, check, checkLog, accessible, screens }) {
  const dir = process.env.ROADMAP_DRILL;
  if (!check("ROADMAP_DRILL names the drill-down's inputs (tests/cli/browser.rs sets it)", dir && fs.existsSync(dir), String(dir))) return;
  const report = path.join(dir, "report");
  const ctx = JSON.parse(fs.readFileSync(path.join(dir, "context.json"), "utf8"));
  const progress = JSON.parse(fs.readFileSync(path.join(dir, "progress.json"), "utf8"));
  const subjects = new Map(
    fs.readFileSync(path.join(dir, "commits.txt"), "utf8").split("\n").filter(Boolean).map((l) => [l.slice(0, 40), l.slice(41)]),
  );
  const plan = ctx.plans[0];
  const quarter = plan.status.quarter;

  // --- overview → objective → key results → sparkline points and commits.
  {
    const { page, context, log } = await open("index.html", DESKTOP, report);
    const link = page.locator("[data-drill-links] a").first();
    const key = await link.getAttribute("data-open");
    const id = key.slice(2);
    await link.click();
    await page.waitForTimeout(200);
    const panel = page.locator(`#drill-o-${id}`);
    check("drill: the overview's link opens the objective's key results", await panel.evaluate((d) => d.open));
    check(
      "drill: the opened objective is on screen",
      await panel.evaluate((d) => {
        const r = d.getBoundingClientRect();
        return r.top < window.innerHeight && r.bottom > 0;
      }),
    );
    const objective = quarter.objectives.find((o) => o.id === id);
    const krs = await panel.locator("[data-kr-drill]").evaluateAll((els) =>
      els.map((el) => ({
        id: el.dataset.krDrill,
        period: el.dataset.period,
        measures: el.dataset.measures ?? null,
        points: [...el.querySelectorAll("svg.spark circle")].map((c) => ({
          date: c.dataset.date,
          value: Number(c.dataset.value),
          commit: c.dataset.commit,
        })),
        rows: [...el.querySelectorAll("tbody tr")].map((r) => ({
          commit: r.dataset.commit,
          short: r.querySelector("code").textContent,
          subject: r.querySelector(".subject").textContent,
        })),
      })),
    );
    check(
      "drill: the objective shows each of its key results",
      krs.length === objective.key_results.length,
      `${krs.length} of ${objective.key_results.length}`,
    );
    let compared = 0;
    let several = false;
    for (const kr of krs) {
      const expected = expectedPoints(progress, kr);
      check(
        `drill: ${kr.id}'s sparkline is its history from progress --format json`,
        JSON.stringify(kr.points) === JSON.stringify(expected),
        `${JSON.stringify(kr.points)} vs ${JSON.stringify(expected)}`,
      );
      compared += expected.length;
      several ||= kr.points.length > 2;
      kr.rows.forEach((r) => {
        check(
          `drill: ${kr.id} names commit ${r.commit} by short id and subject`,
          r.commit.startsWith(r.short) && r.short.length === 7 && r.subject === subjects.get(r.commit),
          JSON.stringify(r),
        );
      });
    }
    check("drill: some values compared", compared > 0);
    check("drill: a key result changed in several commits is drawn with each", several);
    // A point's tooltip says its date, value and commit.
    const point = panel.locator("svg.spark circle").last();
    await point.hover();
    await page.waitForTimeout(80);
    const tip = (await page.locator("#tip").textContent()) ?? "";
    const commit = await point.getAttribute("data-commit");
    check("drill: a point's tooltip names its commit", tip.includes(commit.slice(0, 7)) && tip.includes(subjects.get(commit)), tip);
    await page.locator(`#drill-o-${id}`).screenshot({ path: path.join(screens, "drill-objective-desktop.png") });

    // --- a metric → its readings.
    const metric = plan.metrics[0];
    await page.locator(`#metrics-table a[data-open="m:${metric.id}"]`).click();
    await page.waitForTimeout(200);
    const readings = await page
      .locator(`#drill-m-${metric.id} tbody tr`)
      .evaluateAll((rows) => rows.map((r) => ({ commit: r.dataset.commit, cells: [...r.cells].map((c) => c.textContent) })));
    const observed = progress.observations.filter((o) => o.kind === "metric" && o.id === metric.id);
    check(
      `drill: ${metric.id}'s readings are its observations`,
      readings.length === observed.length &&
        observed.every((o, i) => readings[i].commit === o.commit && readings[i].cells[0] === o.date && readings[i].cells[1] === o.field),
      `${readings.length} rows, ${observed.length} observations`,
    );

    // --- stale flags: exactly where the context says.
    let flagged = 0;
    for (const m of plan.drill.metrics) {
      const flag = await page.locator(`#metrics-table tr[data-metric="${m.id}"] [data-stale]`).allTextContents();
      const want = m.stale ? [`not updated since ${m.stale.since}`] : [];
      check(`stale: metric ${m.id} flagged ${m.stale ? "since " + m.stale.since : "not at all"}`, JSON.stringify(flag) === JSON.stringify(want), JSON.stringify(flag));
      if (m.stale) flagged += 1;
    }
    for (const k of plan.drill.key_results.filter((k) => k.period === quarter.period)) {
      const flag = await page.locator(`#quarter li[data-kr="${k.id}"] [data-stale]`).allTextContents();
      const want = k.stale ? [`not updated since ${k.stale.since}`] : [];
      check(`stale: key result ${k.id} flagged ${k.stale ? "since " + k.stale.since : "not at all"}`, JSON.stringify(flag) === JSON.stringify(want), JSON.stringify(flag));
      if (k.stale) flagged += 1;
    }
    check("stale: the plan left behind has stale items, and not only", flagged > 0 && flagged === plan.drill.stale && plan.drill.metrics.some((m) => !m.stale), `${flagged} flagged, ${plan.drill.stale} in the context`);

    // --- sorting a table, by mouse and by keyboard.
    const order = () => page.locator("#metrics-table tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.metric));
    const byActual = [...plan.metrics].sort((a, b) =>
      shown(a) === null ? 1 : shown(b) === null ? -1 : shown(a) - shown(b),
    );
    const head = page.locator("#metrics-table thead th").nth(1);
    await head.locator("button").click();
    check("sort: a click sorts the metrics by actual, ascending", JSON.stringify(await order()) === JSON.stringify(byActual.map((m) => m.id)), JSON.stringify(await order()));
    check("sort: the column says how it is sorted", (await head.getAttribute("aria-sort")) === "ascending");
    await head.locator("button").focus();
    await page.keyboard.press("Enter");
    const down = byActual.filter((m) => shown(m) !== null).reverse().concat(byActual.filter((m) => shown(m) === null));
    check("sort: Enter on the header sorts descending", JSON.stringify(await order()) === JSON.stringify(down.map((m) => m.id)), JSON.stringify(await order()));

    // --- the view in the URL survives a reload and a shared link.
    await page.selectOption("#f-year", "2026");
    await page.selectOption("#f-cat", "revenue");
    await page.waitForTimeout(100);
    const hash = await page.evaluate(() => window.location.hash);
    check("url: the hash holds the filters, the open drill-downs and the sort", /year=2026/.test(hash) && /cat=revenue/.test(hash) && hash.includes(`o:${id}`) && hash.includes(`m:${metric.id}`) && /sort=metrics-table:1d/.test(hash), hash);
    const state = () =>
      page.evaluate(() => ({
        year: document.getElementById("f-year").value,
        cat: document.getElementById("f-cat").value,
        open: [...document.querySelectorAll("main details[open]")].map((d) => d.id).filter(Boolean).sort(),
        sort: document.querySelector("#metrics-table thead th:nth-child(2)").getAttribute("aria-sort"),
        order: [...document.querySelectorAll("#metrics-table tbody tr")].map((r) => r.dataset.metric),
        hiddenOther: [...document.querySelectorAll("#metrics-table tbody tr")].filter((r) => r.dataset.cat !== "revenue").every((r) => r.hidden),
      }));
    const before = await state();
    await page.reload({ waitUntil: "load" });
    await page.waitForTimeout(200);
    const after = await state();
    check("url: a reload restores the view", JSON.stringify(after) === JSON.stringify(before) && after.year === "2026" && after.cat === "revenue" && after.hiddenOther, `${JSON.stringify(before)} vs ${JSON.stringify(after)}`);
    const url = page.url();
    checkLog("drill index.html", log);
    await accessible(page, "drill index.html (drill-downs open)");
    await context.close();

    const shared = await open("index.html", DESKTOP, report);
    await shared.page.goto(url, { waitUntil: "load" });
    await shared.page.waitForTimeout(200);
    const fresh = await shared.page.evaluate(() => ({
      year: document.getElementById("f-year").value,
      open: [...document.querySelectorAll("main details[open]")].map((d) => d.id).filter(Boolean).sort(),
    }));
    check("url: the link opens the same view in a new window", fresh.year === "2026" && JSON.stringify(fresh.open) === JSON.stringify(before.open), JSON.stringify(fresh));
    checkLog("drill index.html (shared link)", shared.log);
    await shared.context.close();
  }

  // --- a phone: no sideways scroll, the PACE column whole on screen.
  {
    const { page, context, log } = await open("index.html", PHONE, report);
    const width = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check("phone: the drill-down page has no horizontal scroll", width <= 0, `${width}px too wide`);
    const pace = await page.evaluate(() => {
      const table = document.getElementById("metrics-table");
      const scroller = table.closest("[data-scroll-x]");
      const head = [...table.tHead.rows[0].cells].find((th) => /pace/i.test(th.textContent));
      const cells = [...table.tBodies[0].rows].map((r) => r.cells[head.cellIndex].getBoundingClientRect());
      return {
        sideways: scroller.scrollWidth - scroller.clientWidth,
        head: head.getBoundingClientRect().right,
        right: Math.max(...cells.map((c) => c.right)),
        width: window.innerWidth,
      };
    });
    check("phone: the metrics table does not scroll sideways", pace.sideways <= 0, JSON.stringify(pace));
    check("phone: the PACE column is on screen", pace.head <= pace.width && pace.right <= pace.width, JSON.stringify(pace));
    // With every drill-down open: still nothing wider than the screen.
    const keys = await page.locator("main details[data-open-key]").evaluateAll((ds) => ds.map((d) => d.dataset.openKey));
    await page.goto(`${page.url().split("#")[0]}#open=${keys.join(",")}`, { waitUntil: "load" });
    await page.waitForTimeout(200);
    const opened = await page.evaluate(() => ({
      open: document.querySelectorAll("main details[open]").length,
      wide: document.documentElement.scrollWidth - window.innerWidth,
    }));
    check("phone: every drill-down opens from the URL, none wider than the screen", opened.open === keys.length && opened.wide <= 0, JSON.stringify(opened));
    await page.locator("#quarter").screenshot({ path: path.join(screens, "drill-quarter-phone.png") });
    await page.locator("#revenue").scrollIntoViewIfNeeded();
    await page.addStyleTag({ content: ".bar { position: static !important; }" });
    await page.locator("#metrics-table").screenshot({ path: path.join(screens, "drill-metrics-phone.png") });
    checkLog("drill index.html (phone)", log);
    await context.close();
  }

  // --- the summary: one A4 and one Letter page, every metric and skill.
  {
    const { page, context, log } = await open("summary.html", { width: 1000, height: 1300 }, report);
    await page.emulateMedia({ media: "print" });
    const inside = await page.evaluate(() => {
      const box = document.querySelector("main.page").getBoundingClientRect();
      return [...document.querySelectorAll("tr.metric, tr.skill")]
        .filter((r) => {
          const b = r.getBoundingClientRect();
          return !(b.height > 0 && b.top >= box.top && b.bottom <= box.bottom + 0.5 && b.right <= box.right + 0.5);
        })
        .map((r) => r.dataset.id ?? r.dataset.area);
    });
    check("summary: every metric and skill row lies inside the page", inside.length === 0, inside.join(", "));
    let pdftotext = true;
    try {
      execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    } catch {
      pdftotext = false;
    }
    check("pdftotext is installed (Debian: apt-get install poppler-utils)", pdftotext);
    for (const format of ["A4", "Letter"]) {
      const pdf = await page.pdf({ format, printBackground: true });
      const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
      check(`summary: exactly one ${format} page`, pages === 1, `${pages} pages`);
      if (!pdftotext) continue;
      const text = pdfText(pdf, path.join(screens, `drill-summary-${format}.pdf`));
      for (const m of plan.metrics) check(`summary (${format}): metric ${m.name} in the PDF`, text.includes(m.name));
      for (const a of plan.skill_areas) check(`summary (${format}): skill ${a.label} in the PDF`, text.includes(a.label));
      const title = plan.career?.title;
      check(`summary (${format}): the current title in the PDF`, title && text.includes(title), title);
      for (const pay of ["$350k", "$124k", "$186k", "income"]) {
        check(`summary (${format}): no pay (${pay}) in the PDF`, !text.includes(pay));
      }
    }
    checkLog("drill summary.html", log);
    await context.close();
  }
}
