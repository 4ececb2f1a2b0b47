// What the dashboard must show, checked against the report context: every
// expected figure comes from `roadmap report --context`, never from a guess.
const SECTIONS = [
  "overview", "year", "quarter", "skills", "revenue",
  "timeline", "relationships", "habits", "wins", "review",
  "vision", "archive",
];

const visible = (page, selector) =>
  page.$$eval(selector, (els) => els.filter((e) => e.offsetParent !== null || e.getClientRects().length > 0).length);

async function hoverTip(page, selector) {
  // The last point of a chart is drawn last, so nothing covers it.
  const point = page.locator(selector).last();
  if ((await point.count()) === 0) return { found: false };
  await point.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await page.waitForTimeout(150);
  await point.hover();
  await page.waitForTimeout(50);
  const tip = page.locator("#tip");
  return {
    found: true,
    shown: await tip.isVisible(),
    text: (await tip.textContent()) ?? "",
    expected: (await point.getAttribute("data-tip")) ?? "",
  };
}

export async function checkDashboard(page, ctx, check) {
  const plan = ctx.plans[0];
  const st = plan.status;

  // Every section, with a heading and a link in the navigation.
  for (const id of SECTIONS) {
    const section = page.locator(`main section#${id}`);
    if (!check(`section #${id} present`, (await section.count()) === 1)) continue;
    check(`section #${id} has a heading`, (await section.locator("h2").count()) === 1);
    check(`navigation links to #${id}`, (await page.locator(`nav a[href="#${id}"]`).count()) === 1);
  }
  await page.locator('nav a[href="#habits"]').click();
  await page.waitForTimeout(300);
  check(
    "navigation scrolls to the section",
    await page.locator("#habits h2").evaluate((h) => {
      const r = h.getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight / 2;
    }),
  );
  await page.evaluate(() => window.scrollTo(0, 0));

  // Plan text is text: the demo's titles with markup show as written.
  check("no plan text ran as script", (await page.evaluate(() => window.xss)) === undefined);
  check("no plan text became an element", (await page.locator("img, main script").count()) === 0);
  const hostile = plan.objectives.find((o) => o.title.includes("<img"));
  check(
    "markup in a title shows as text",
    hostile !== undefined && (await page.locator(`#year [data-id="${hostile.id}"] .t`).textContent()) === hostile.title,
    hostile?.title ?? "the demo's edited title is not in the context",
  );
  const habit = plan.habits.find((h) => h.title.includes("<script>"));
  check(
    "markup in a habit shows as text",
    habit !== undefined && ((await page.locator(`[data-habit="${habit.id}"] h3`).textContent()) ?? "") === habit.title,
  );

  // One as-of date: the header's, the quarter card's day, status's.
  const header = page.locator("#as-of");
  check("the header states the as-of date", (await header.getAttribute("data-as-of")) === ctx.as_of,
    `${await header.getAttribute("data-as-of")} vs ${ctx.as_of}`);
  check("the header's text says it", ((await header.textContent()) ?? "").includes(`Figures as of ${ctx.as_of}`));
  if (ctx.last_update_days > 0) {
    check("the header says how old the last update is",
      ((await header.textContent()) ?? "").includes(`last update ${ctx.last_update_days} days before ${ctx.today}`));
  }
  if (st.quarter) {
    const card = (await page.locator("#quarter").textContent()) ?? "";
    check(`the quarter card shows day ${st.quarter.day} of ${st.quarter.days}`,
      card.includes(`Day ${st.quarter.day} of ${st.quarter.days}`), card.slice(0, 200));
  }

  // Overall progress and its parts.
  const overall = plan.figures.find((f) => f.id === "overall");
  check(
    "overall progress shows the context's figure",
    (await page.locator('[data-testid="overall-percent"]').textContent()) === overall.value,
    `${await page.locator('[data-testid="overall-percent"]').textContent()} vs ${overall.value}`,
  );
  for (const part of st.overall.parts) {
    const text = (await page.locator(`[data-part="${part.dimension}"]`).textContent()) ?? "";
    check(`overall part ${part.dimension} shows its detail`, text.includes(part.detail), text);
    const pct = `${Math.round(part.progress * 100)}%`;
    check(`overall part ${part.dimension} shows ${pct}`, text.includes(pct), text);
  }
  for (const f of plan.figures.filter((x) => x.id !== "overall")) {
    const text = (await page.locator(`[data-figure="${f.id}"]`).textContent()) ?? "";
    check(`key figure ${f.id} = ${f.value}`, text.includes(f.value) && text.includes(f.label), text);
  }

  // This year's and every year's objectives.
  const annual = plan.objectives.filter((o) => o.level === "year");
  for (const o of annual) {
    const text = (await page.locator(`#year [data-id="${o.id}"]`).textContent()) ?? "";
    check(`annual objective ${o.id} shown`, text.includes(o.title) && text.includes(`${Math.round(o.progress * 100)}%`), text);
  }

  // This quarter: focus, completion, key results with their values.
  if (st.quarter) {
    const head = (await page.locator("#quarter").textContent()) ?? "";
    check("quarter period and theme shown", head.includes(st.quarter.period) && head.includes(st.quarter.theme ?? ""));
    const q = plan.figures.find((f) => f.id === "quarter");
    check(
      "quarter completion shown",
      ((await page.locator('[data-testid="quarter-percent"]').textContent()) ?? "").startsWith(q.value),
    );
    for (const o of st.quarter.objectives) {
      for (const kr of o.key_results) {
        const full = plan.key_results.find((k) => k.id === kr.id);
        const text = (await page.locator(`#quarter [data-kr="${kr.id}"]`).textContent()) ?? "";
        check(
          `key result ${kr.id} shows ${full.current_text} of ${full.target_text}`,
          text.includes(kr.title) && text.includes(full.current_text) && text.includes(full.target_text),
          text,
        );
      }
    }
  }

  // Skills: one chart per area, every level and target a point.
  for (const a of plan.skill_areas) {
    const n = await page.locator(`[data-chart="skill"][data-area="${a.area}"] .pt`).count();
    check(`skill chart ${a.area} plots levels and targets`, n === a.levels.length + a.targets.length, `${n} points`);
  }

  // Revenue and performance.
  for (const m of plan.metrics) {
    const text = (await page.locator(`#revenue tr[data-metric="${m.id}"]`).textContent()) ?? "";
    check(`metric ${m.id} row shows ${m.actual_text}`, !m.actual_text || (text.includes(m.actual_text) && text.includes(m.target_text)), text);
  }
  const revenue = plan.metrics.find((m) => m.trajectory.length > 0);
  if (revenue?.now?.forecast) {
    check(
      "forecast year shown",
      (await page.locator('[data-testid="forecast-year"]').textContent()) === String(revenue.now.forecast),
    );
  }
  const metric = plan.metrics[0];
  check(
    "metric chart plots every actual and expected value",
    (await page.locator('[data-chart="metric"] .pt').count()) ===
      metric.actuals.length + metric.actuals.filter((a) => a.expected !== null).length,
  );

  // Timeline.
  for (const ph of plan.phases) {
    const text = (await page.locator(`[data-phase="${ph.id}"]`).textContent()) ?? "";
    check(`phase ${ph.id} shown`, text.includes(ph.name) && text.includes(ph.years) && text.includes(ph.role), text);
  }
  const major = plan.milestones;
  const reached = major.filter((m) => m.done);
  check(
    "every milestone reached is listed with its date",
    (await page.locator('[data-list="done"] li').count()) === reached.length &&
      (await page.locator('[data-list="done"] time').allTextContents()).every((t) => reached.some((m) => m.done === t)),
  );
  check("every milestone ahead is listed", (await page.locator('[data-list="ahead"] li').count()) === major.length - reached.length);

  // Relationships, habits, wins, review.
  check("every network goal listed", (await page.locator("#relationships [data-rel]").count()) === plan.relationships.length);
  for (const h of plan.habits) {
    const text = (await page.locator(`[data-habit="${h.id}"]`).textContent()) ?? "";
    check(`habit ${h.id} shows its streak`, text.includes(h.title) && text.includes(`${h.current_streak} `) && text.includes(`best ${h.longest_streak}`), text);
  }
  const cells = await page.locator('[data-chart="heatmap"] rect.cell').count();
  check("heatmap has a cell per calendar day", cells === plan.habits[0].calendar.length, `${cells}`);
  check(
    "compounding chart plots every month of every habit",
    (await page.locator('[data-chart="compounding"] .pt').count()) === plan.habits.reduce((n, h) => n + h.compounding.length, 0),
  );
  check("every win listed", (await page.locator("#wins [data-win]").count()) === plan.wins.length);
  const reviewText = (await page.locator("#review").textContent()) ?? "";
  check("review of the month named", reviewText.includes(plan.review.title));
  for (const s of plan.review.sections) check(`review prompt "${s.heading}"`, reviewText.includes(s.heading));
  for (const b of plan.review.behind) {
    const text = (await page.locator(`#review [data-behind="${b.id}"]`).textContent()) ?? "";
    check(`behind: ${b.id}`, text.includes(b.what), text);
  }

  // Tooltips: every chart answers a hover with the point's value and date.
  const last = metric.actuals[metric.actuals.length - 1];
  let tip = await hoverTip(page, `[data-chart="metric"] .pt[data-series="actual"][data-date="${last.date}"]`);
  check(
    "metric tooltip shows the exact value and date",
    tip.found && tip.shown && tip.text.includes(last.text) && tip.text.includes(last.date),
    JSON.stringify(tip),
  );
  for (const chart of ["trajectory", "skill", "compounding", "heatmap", "timeline"]) {
    tip = await hoverTip(page, `[data-chart="${chart}"] .pt`);
    check(
      `${chart} chart shows a tooltip on hover`,
      tip.found && tip.shown && tip.text.replace(/\s+/g, "") === tip.expected.replace(/: /, "").replace(/\s+/g, "") &&
        /\d{4}/.test(tip.text),
      JSON.stringify(tip),
    );
  }
  await page.mouse.move(0, 0);

  // Filters.
  const cat = "revenue";
  await page.selectOption("#f-cat", cat);
  check(
    "category filter leaves only that category's annual objectives",
    (await visible(page, "#year .objective")) === annual.filter((o) => o.category === cat).length,
  );
  check(
    "category filter applies to the quarter",
    (await visible(page, "#quarter .objective")) === (st.quarter?.objectives ?? []).filter((o) => o.category === cat).length,
  );
  check(
    "category filter applies to the network goals",
    (await visible(page, "#relationships [data-rel]")) === plan.relationships.filter((r) => r.category === cat).length,
  );
  await page.selectOption("#f-cat", "all");
  const year = String(plan.years[0]);
  await page.selectOption("#f-year", year);
  check(
    `year filter ${year} shows that year's objectives only`,
    (await visible(page, "#year .objective")) === annual.filter((o) => String(o.year) === year).length,
  );
  check(
    `year filter ${year} shows that year's wins only`,
    (await visible(page, "#wins [data-win]")) === plan.wins.filter((w) => String(w.year) === year).length,
  );
  const dates = await page.$$eval('[data-chart="metric"] .pt', (els) => els.map((e) => e.getAttribute("data-date")));
  check(
    `year filter ${year} narrows the metric chart to that year`,
    dates.length === 2 * metric.actuals.filter((a) => String(a.year) === year).length && dates.every((d) => d.startsWith(year)),
    `${dates.length} points`,
  );
  await page.selectOption("#f-year", "all");
  check("clearing the filters shows every annual objective again", (await visible(page, "#year .objective")) === annual.length);

  // Another metric in the chart.
  if (plan.metrics.length > 1) {
    const other = plan.metrics[1];
    await page.selectOption("#metric-pick", other.id);
    tip = await hoverTip(page, `[data-chart="metric"] .pt[data-series="actual"][data-date="${other.actuals.at(-1).date}"]`);
    check("metric picker redraws the chart for the chosen metric", tip.text.includes(other.name) && tip.text.includes(other.actuals.at(-1).text), JSON.stringify(tip));
    await page.selectOption("#metric-pick", metric.id);
    await page.mouse.move(0, 0);
  }
}

// The figures every plan's dashboard must state as its context does, for any
// plan (the demo, a fresh one, one with a broken file, one after a
// review): the as-of date, overall progress, the quarter's day, each key
// result's value, each metric's pace, and the banner of a partial plan.
export async function checkFigures(page, ctx, check, label) {
  const plan = ctx.plans[0];
  const st = plan.status;
  const header = page.locator("#as-of");
  check(`${label}: the header states the as-of date`, (await header.getAttribute("data-as-of")) === ctx.as_of,
    `${await header.getAttribute("data-as-of")} vs ${ctx.as_of}`);
  const overall = plan.figures.find((f) => f.id === "overall");
  const shown = await page.locator('[data-testid="overall-percent"]').textContent();
  check(`${label}: overall progress is the context's`, shown === overall.value, `${shown} vs ${overall.value}`);
  if (st.quarter) {
    const card = (await page.locator("#quarter").textContent()) ?? "";
    check(`${label}: the quarter card shows day ${st.quarter.day} of ${st.quarter.days}`,
      card.includes(`Day ${st.quarter.day} of ${st.quarter.days}`));
    for (const o of st.quarter.objectives) {
      for (const kr of o.key_results) {
        const full = plan.key_results.find((k) => k.id === kr.id);
        const text = (await page.locator(`#quarter [data-kr="${kr.id}"]`).textContent()) ?? "";
        check(`${label}: key result ${kr.id} shows ${full.current_text} of ${full.target_text}`,
          text.includes(`${full.current_text} of ${full.target_text}`), text);
      }
    }
  }
  const paces = { "on-track": "On track", ahead: "Ahead", behind: "Behind", done: "Done" };
  for (const m of st.metrics) {
    if (!paces[m.pace]) continue;
    const row = (await page.locator(`#revenue tr[data-metric="${m.id}"]`).first().textContent()) ?? "";
    check(`${label}: metric ${m.id} is ${m.pace}`, row.includes(paces[m.pace]), row);
  }
  const banner = page.locator("#partial-title");
  if (ctx.problems.length > 0) {
    check(`${label}: the banner of a partial plan is shown`, await banner.isVisible());
    const text = (await page.locator("section:has(#partial-title)").textContent()) ?? "";
    for (const p of ctx.problems) {
      check(`${label}: the banner names ${p.path}`, text.includes(p.path), text);
    }
  } else {
    check(`${label}: a whole plan has no banner`, (await banner.count()) === 0);
  }
}
