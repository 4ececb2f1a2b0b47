// Browser checks over a rendered report, run by tests/cli/browser.rs:
//   node run.mjs --out DIR --context context.json --screens DIR --chromium PATH
// Every check runs; all failures are printed, then the exit code is 1.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { HtmlValidate, StaticConfigLoader } from "html-validate";
import { checkDashboard, checkFigures } from "./dashboard.mjs";
import { checkCareer } from "./career.mjs";
import { checkContent } from "./content.mjs";
import { checkTeam } from "./team.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: opt } = parseArgs({
  options: {
    out: { type: "string" },
    context: { type: "string" },
    screens: { type: "string" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
    // Other renderings (another day, a sparse plan): loaded and checked for
    // errors and phone width only.
    smoke: { type: "string", multiple: true, default: [] },
    // Other plans' reports, each with its context: DIR=CONTEXT. Their
    // figures are checked against their context (checkFigures).
    figures: { type: "string", multiple: true, default: [] },
    // A team repository's report and its context.
    team: { type: "string" },
    "team-context": { type: "string" },
  },
});
for (const key of ["out", "context", "screens"]) {
  if (!opt[key]) {
    console.error(`run.mjs: --${key} is required`);
    process.exit(2);
  }
}

const failures = [];
let passed = 0;
function check(name, ok, detail = "") {
  if (ok) {
    passed += 1;
  } else {
    failures.push(detail ? `${name}: ${detail}` : name);
  }
  return ok;
}

const ctx = JSON.parse(fs.readFileSync(opt.context, "utf8"));
const file = (name) => path.join(opt.out, name);

// --- HTML validity -------------------------------------------------------
const validator = new HtmlValidate(
  new StaticConfigLoader(JSON.parse(fs.readFileSync(path.join(here, ".htmlvalidate.json"), "utf8"))),
);
for (const name of ["index.html", "summary.html", "templates.html"]) {
  if (!check(`${name} exists`, fs.existsSync(file(name)))) continue;
  const report = await validator.validateFile(file(name));
  const messages = report.results.flatMap((r) =>
    r.messages.map((m) => `${name}:${m.line}:${m.column}: ${m.ruleId}: ${m.message}`),
  );
  check(`${name} passes html-validate`, report.valid, `\n    ${messages.join("\n    ")}`);
}

// --- the browser ---------------------------------------------------------
const browser = await chromium.launch({
  executablePath: opt.chromium,
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});

// A page with every request that is not a local file blocked and recorded,
// and every console error, uncaught exception and failed request recorded.
async function open(name, viewport, dir = opt.out) {
  const context = await browser.newContext({ viewport, reducedMotion: "reduce" });
  const log = { external: [], failed: [], console: [], errors: [] };
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (/^(file|data|blob|about):/.test(url)) return route.continue();
    log.external.push(url);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("request", (r) => {
    if (!/^(file|data|blob|about):/.test(r.url()) && !log.external.includes(r.url())) {
      log.external.push(r.url());
    }
  });
  page.on("requestfailed", (r) => log.failed.push(`${r.url()} (${r.failure()?.errorText})`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") log.console.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => log.errors.push(String(e)));
  page.on("dialog", (d) => {
    log.errors.push(`dialog: ${d.message()}`);
    d.dismiss();
  });
  await page.goto(pathToFileURL(path.join(dir, name)).href, { waitUntil: "load" });
  return { page, context, log };
}

function checkLog(name, log) {
  check(`${name}: no network request`, log.external.length === 0, log.external.join(", "));
  check(`${name}: no failed request`, log.failed.length === 0, log.failed.join(", "));
  check(`${name}: no console error or warning`, log.console.length === 0, log.console.join(" | "));
  check(`${name}: no uncaught exception`, log.errors.length === 0, log.errors.join(" | "));
}

// One picture per section, for looking at the dashboard piece by piece.
async function sectionShots(page, label) {
  fs.mkdirSync(path.join(opt.screens, "sections"), { recursive: true });
  // The sticky bar would cover the top of each element shot.
  const unstick = await page.addStyleTag({ content: ".bar { position: static !important; }" });
  for (const id of await page.$$eval("main section[id]", (els) => els.map((e) => e.id))) {
    await page.locator(`#${id}`).screenshot({ path: path.join(opt.screens, "sections", `${label}-${id}.png`) });
  }
  await unstick.evaluate((el) => el.remove());
}

// axe-core, from node_modules (a local file: no request), over the page as
// it stands: WCAG 2.1 A and AA (contrast included) and axe's best practices.
async function accessible(page, name) {
  await page.addScriptTag({ path: path.join(here, "node_modules/axe-core/axe.min.js") });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    });
    return result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`,
    );
  });
  check(`${name}: no accessibility violation (axe)`, violations.length === 0, `\n    ${violations.join("\n    ")}`);
}

// Elements that stick out of their card (scrolling regions aside).
const spills = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("section.card")].flatMap((card) => {
      const edge = card.getBoundingClientRect().right;
      return [...card.querySelectorAll("*")]
        .filter((el) => !el.closest("[data-scroll-x]") && el.getBoundingClientRect().right > edge + 1)
        .slice(0, 3)
        .map((el) => `#${card.id} ${el.tagName.toLowerCase()}.${el.className?.baseVal ?? el.className}`);
    }),
  );

// Everything the summary promises for the current year and quarter is on
// its page: every annual objective and every quarterly objective of the
// context has a row whose box lies inside its printed page, which clips.
async function promisedVisible(page, ctx, name) {
  const boxes = await page.evaluate(() =>
    [...document.querySelectorAll("main.page")].map((p) => {
      const box = p.getBoundingClientRect();
      return {
        page: { top: box.top, bottom: box.bottom, left: box.left, right: box.right },
        rows: [...p.querySelectorAll("tr.annual, tr.quarterly")].map((r) => {
          const b = r.getBoundingClientRect();
          return {
            kind: r.classList.contains("annual") ? "annual" : "quarterly",
            id: r.dataset.id,
            text: r.innerText,
            visible: b.height > 0 && getComputedStyle(r).visibility !== "hidden",
            top: b.top,
            bottom: b.bottom,
            left: b.left,
            right: b.right,
          };
        }),
      };
    }),
  );
  check(`${name} has one page per plan`, boxes.length === ctx.plans.length, `${boxes.length} pages`);
  ctx.plans.forEach((plan, i) => {
    const sheet = boxes[i];
    if (!sheet) return;
    const promised = [
      ...(plan.status.year?.objectives ?? []).map((o) => ["annual", o]),
      ...(plan.status.quarter?.objectives ?? []).map((o) => ["quarterly", o]),
    ];
    check(`${name} (${plan.name}) promises objectives`, promised.length > 0);
    for (const [kind, o] of promised) {
      const row = sheet.rows.find((r) => r.kind === kind && r.id === o.id);
      const what = `${name} (${plan.name}) shows ${kind} objective ${o.id}`;
      if (!check(what, row, "no row")) continue;
      check(`${what} with its title`, row.text.includes(o.title), row.text);
      const inside =
        row.visible &&
        row.top >= sheet.page.top &&
        row.bottom <= sheet.page.bottom + 0.5 &&
        row.left >= sheet.page.left &&
        row.right <= sheet.page.right + 0.5;
      check(`${what} inside its page`, inside, JSON.stringify({ row, page: sheet.page }));
    }
  });
}

const pageCount = (pdf) => (pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) || []).length;

try {
  // Desktop dashboard: content, tooltips, filters.
  if (fs.existsSync(file("index.html"))) {
    const { page, context, log } = await open("index.html", { width: 1366, height: 900 });
    await checkDashboard(page, ctx, check);
    await (await import("./habits.mjs")).checkHabits(page, ctx, check);
    await accessible(page, "index.html (desktop)");
    const desktopSpill = await spills(page);
    check("index.html (desktop): nothing spills out of its card", desktopSpill.length === 0, desktopSpill.join(", "));
    await sectionShots(page, "desktop");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(opt.screens, "dashboard-desktop.png"), fullPage: true });
    await page.screenshot({ path: path.join(opt.screens, "dashboard-desktop-top.png") });
    checkLog("index.html (desktop)", log);
    await context.close();

    await checkContent(open, ctx, check, opt.screens);

    // Phone width: readable, no horizontal scroll.
    const phone = await open("index.html", { width: 390, height: 844 });
    const overflow = await phone.page.evaluate(() => ({
      doc: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      view: window.innerWidth,
      wide: [...document.querySelectorAll("main *")]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((el) => !el.closest("[data-scroll-x]"))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${el.className?.baseVal ?? el.className}`),
    }));
    check(
      "index.html at 390px has no horizontal scroll",
      overflow.doc <= overflow.view && overflow.body <= overflow.view && overflow.wide.length === 0,
      JSON.stringify(overflow),
    );
    const small = await phone.page.evaluate(() =>
      [...document.querySelectorAll("main p, main li, main td, main th, main dd")]
        .filter((el) => el.offsetParent && parseFloat(getComputedStyle(el).fontSize) < 12)
        .slice(0, 5)
        .map((el) => el.textContent.trim().slice(0, 40)),
    );
    check("index.html at 390px: body text at least 12px", small.length === 0, small.join(" | "));
    await accessible(phone.page, "index.html (phone)");
    const phoneSpill = await spills(phone.page);
    check("index.html (phone): nothing spills out of its card", phoneSpill.length === 0, phoneSpill.join(", "));
    await sectionShots(phone.page, "phone");
    await phone.page.evaluate(() => window.scrollTo(0, 0));
    await phone.page.waitForTimeout(300);
    await phone.page.screenshot({ path: path.join(opt.screens, "dashboard-phone.png"), fullPage: true });
    await phone.page.screenshot({ path: path.join(opt.screens, "dashboard-phone-top.png") });
    checkLog("index.html (phone)", phone.log);
    await phone.context.close();
  }

  // The one-page summary: exactly one page on A4 and on Letter.
  if (fs.existsSync(file("summary.html"))) {
    const { page, context, log } = await open("summary.html", { width: 1000, height: 1300 });
    await accessible(page, "summary.html");
    await page.screenshot({ path: path.join(opt.screens, "summary.png"), fullPage: true });
    await page.emulateMedia({ media: "print" });
    await promisedVisible(page, ctx, "summary.html");
    const asOf = await page.locator("[data-as-of]").first().getAttribute("data-as-of");
    check("summary.html states the as-of date the dashboard states", asOf === ctx.as_of, `${asOf} vs ${ctx.as_of}`);
    for (const format of ["A4", "Letter"]) {
      const pdf = await page.pdf({ format, printBackground: true });
      fs.writeFileSync(path.join(opt.screens, `summary-${format}.pdf`), pdf);
      const pages = pageCount(pdf);
      check(`summary.html prints on exactly one ${format} page`, pages === 1, `${pages} pages`);
    }
    checkLog("summary.html", log);
    await context.close();
  }

  await checkCareer({ open, ctx, check, screens: opt.screens });

  for (const pair of opt.figures) {
    const [dir, contextFile] = pair.split("=");
    const fctx = JSON.parse(fs.readFileSync(contextFile, "utf8"));
    const { page, context, log } = await open("index.html", { width: 1366, height: 900 }, dir);
    await checkFigures(page, fctx, check, path.basename(dir));
    checkLog(`${dir}/index.html`, log);
    await context.close();
  }

  for (const dir of opt.smoke) {
    for (const [label, viewport] of [["desktop", { width: 1366, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
      const smoke = await open("index.html", viewport, dir);
      const sections = await smoke.page.locator("main section[id]").count();
      check(`${dir}/index.html (${label}) has every section`, sections === 13, `${sections}`);
      const width = await smoke.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(`${dir}/index.html (${label}) has no horizontal scroll`, width <= 0, `${width}px too wide`);
      checkLog(`${dir}/index.html (${label})`, smoke.log);
      await smoke.context.close();
    }
  }

  if (opt.team) {
    const tctx = JSON.parse(fs.readFileSync(opt["team-context"], "utf8"));
    const people = tctx.plans;
    const team = tctx.team;
    check("team context has a team overview", team && team.people.length === people.length);
    await checkTeam(open, tctx, check, opt.screens, opt.team);
    const { page, context, log } = await open("index.html", { width: 1366, height: 900 }, opt.team);
    const rows = page.locator(".team-table tbody tr");
    check("team overview has one row per person", (await rows.count()) === people.length, `${await rows.count()} rows`);
    for (const [i, r] of team.people.entries()) {
      const text = (await rows.nth(i).innerText()) ?? "";
      for (const want of [r.name, r.role_goal, `${Math.round(r.percent)}%`, r.revenue_actual_text, r.revenue_target_text]) {
        check(`team overview row ${r.person} shows ${want}`, text.includes(want), text);
      }
    }
    const rollup = await page.locator(".team .rollup").innerText();
    check("team roll-up shows the revenue total", rollup.includes(team.revenue_actual_text), rollup);
    check("team roll-up shows the total responsibility", rollup.includes(team.responsibility_text), rollup);
    check("team roll-up shows the average progress", rollup.includes(`${Math.round(team.average_percent)}%`), rollup);
    check("team index shows the first person", (await page.locator("h1").innerText()).includes(people[0].name));
    await page.screenshot({ path: path.join(opt.screens, "team-overview-desktop.png") });
    const revenueOf = (plan) => plan.metrics.find((m) => m.kind === "revenue")?.actual_text;
    const other = people[1];
    await Promise.all([page.waitForURL(`**/people/${other.person}.html`), page.selectOption("#f-person", { label: other.name })]);
    await page.waitForLoadState("load");
    check("switching shows the other person", (await page.locator("h1").innerText()).includes(other.name));
    const overview = await page.locator("#overview").innerText();
    check(
      "switching shows the other person's revenue",
      overview.includes(revenueOf(other)) && !overview.includes(revenueOf(people[0])),
      `${revenueOf(other)} vs ${revenueOf(people[0])}`,
    );
    check(
      "the switched page marks its person in the overview",
      (await page.locator(`.team-table tr[aria-current="page"][data-person="${other.person}"]`).count()) === 1,
    );
    await page.screenshot({ path: path.join(opt.screens, "team-person-desktop.png") });
    await page.screenshot({ path: path.join(opt.screens, "team-person-desktop-full.png"), fullPage: true });
    await accessible(page, `people/${other.person}.html`);
    checkLog("team index.html", log);
    await context.close();

    const phone = await open("index.html", { width: 390, height: 844 }, opt.team);
    const width = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check("team index.html (phone) has no horizontal scroll", width <= 0, `${width}px too wide`);
    await phone.page.screenshot({ path: path.join(opt.screens, "team-overview-phone.png") });
    await accessible(phone.page, "team index.html (phone)");
    checkLog("team index.html (phone)", phone.log);
    await phone.context.close();

    const summary = await open("summary.html", { width: 1000, height: 1300 }, opt.team);
    await summary.page.screenshot({ path: path.join(opt.screens, "team-summary.png"), fullPage: true });
    await summary.page.emulateMedia({ media: "print" });
    await promisedVisible(summary.page, tctx, "team summary.html");
    for (const format of ["A4", "Letter"]) {
      const pdf = await summary.page.pdf({ format, printBackground: true });
      fs.writeFileSync(path.join(opt.screens, `team-summary-${format}.pdf`), pdf);
      const pages = pageCount(pdf);
      check(`team summary.html prints one ${format} page per person`, pages === people.length, `${pages} pages for ${people.length} people`);
    }
    checkLog("team summary.html", summary.log);
    await summary.context.close();
  }

  if (fs.existsSync(file("templates.html"))) {
    const { page, context, log } = await open("templates.html", { width: 1366, height: 900 });
    const headings = await page.locator("h1, h2").count();
    check("templates.html has headings", headings > 1, `${headings}`);
    await accessible(page, "templates.html");
    checkLog("templates.html", log);
    await context.close();
  }
  await (await import("./drill.mjs")).checkDrill({ open, check, checkLog, accessible, screens: opt.screens });
} catch (err) {
  check("browser checks ran to the end", false, err.stack ?? String(err));
} finally {
  await browser.close();
}

console.log(`browser checks: ${passed} passed, ${failures.length} failed`);
for (const f of failures) console.log(`FAIL ${f}`);
console.log(`screenshots in ${opt.screens}`);
process.exit(failures.length ? 1 : 0);
