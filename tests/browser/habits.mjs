// Habits by their cadence and the weekly time budget, as the dashboard
// shows them: every figure from `roadmap report --context`.
export async function checkHabits(page, ctx, check) {
  const st = ctx.plans[0].status;
  for (const h of st.habits) {
    const card = await page.$eval(`[data-habit="${h.id}"]`, (el) => ({
      text: el.textContent.replace(/\s+/g, " "),
      cadence: el.querySelector("[data-cadence]")?.getAttribute("data-cadence"),
      month: el.querySelector("[data-month-percent]")?.textContent ?? null,
      off: [...el.querySelectorAll(".week span")].map((s) => s.className),
    }));
    check(`habit ${h.id} states its cadence`, card.cadence === h.cadence, JSON.stringify(card));
    if (h.this_month.due > 0) {
      check(`habit ${h.id} shows the month's completion by its cadence`,
        card.month === `${Math.round(h.this_month.percent)}%`, `${card.month} vs ${h.this_month.percent}`);
    }
    // A day off the cadence, not done, is drawn as neither a miss nor a hit.
    const wrong = h.week.map((d, i) => (d === false && !h.week_due[i] && card.off[i] !== "u") ? i : -1).filter((i) => i >= 0);
    check(`habit ${h.id}: days off are not drawn as misses`, wrong.length === 0, JSON.stringify({ wrong, off: card.off }));
  }
  const workday = st.habits.find((h) => h.cadence === "workdays");
  if (workday) {
    const text = await page.$eval(`[data-habit="${workday.id}"]`, (el) => el.textContent);
    check("a workday habit says Monday to Friday", text.includes("Monday to Friday"), text);
  }

  const time = st.time;
  const table = await page.$("[data-time-budget]");
  check("the time budget table is on the page when the plan has a budget", Boolean(time) === Boolean(table));
  if (!time || !table) return;
  const visible = await table.isVisible();
  check("the time budget table is visible", visible);
  const rows = await page.$$eval("[data-time-budget] tbody tr", (trs) =>
    trs.map((tr) => ({
      week: tr.getAttribute("data-week"),
      cells: [...tr.querySelectorAll("td[data-category]")].map((td) => ({
        category: td.getAttribute("data-category"),
        text: td.querySelector(".tb-fig")?.textContent.replace(/\s+/g, " ").trim(),
        bar: td.querySelector(".tb-bar i")?.getBoundingClientRect().width ?? -1,
        track: td.querySelector(".tb-bar")?.getBoundingClientRect().width ?? -1,
        target: td.querySelector(".tb-bar b") ? parseFloat(td.querySelector(".tb-bar b").style.left) : -1,
      })),
    })),
  );
  const weeks = time.weeks.slice(0, 8);
  check("the time budget shows the last eight weeks, newest first",
    JSON.stringify(rows.map((r) => r.week)) === JSON.stringify(weeks.map((w) => w.week)),
    JSON.stringify(rows.map((r) => r.week)));
  weeks.forEach((w, i) => {
    const row = rows[i];
    if (!row) return;
    w.categories.forEach((c, k) => {
      const cell = row.cells[k] ?? {};
      check(`time ${w.week} ${c.category}: ${c.text} and ${Math.round(c.share)}%`,
        cell.category === c.category && cell.text === `${c.text} · ${Math.round(c.share)}%`, JSON.stringify(cell));
      check(`time ${w.week} ${c.category}: the bar is its share, the mark its target`,
        Math.abs(cell.bar - (cell.track * c.share) / 100) <= 1.5 && cell.target === c.target, JSON.stringify({ cell, share: c.share }));
    });
  });
  const head = await page.$eval("[data-time-budget] figcaption", (el) => el.textContent);
  for (const t of time.targets) {
    check(`the time budget states the ${t.category} target`, head.includes(`${t.category} ${t.share}%`), head);
  }
}
