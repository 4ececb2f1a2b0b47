// The team overview as a director uses it: who needs attention first (the
// order `roadmap status --team` prints), the hierarchy, the revenue by
// month against the team's target, the roll-up's figures, finding a person
// by name or by manager, and the whole card readable at 1280 px and
// stacked at 390 px with nothing scrolling sideways. Every expected figure
// comes from `roadmap report --context` (`team.rollup` is exactly
// `status --team --format json`'s `team`).
import path from "node:path";

export async function checkTeam(open, tctx, check, screens, dir) {
  const team = tctx.team;
  const rollup = team.rollup;
  const { page, context } = await open("index.html", { width: 1280, height: 900 }, dir);
  const order = await page.locator(".team-table tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.person));
  check("team: the rows come in the attention order", JSON.stringify(order) === JSON.stringify(rollup.people.map((r) => r.person)), order.join(","));
  const said = async (name) => (await page.locator(`[data-rollup="${name}"]`).first().innerText()).trim();
  check("team: the roll-up names the month it sums", team.revenue_month && (await said("month")) === team.revenue_month, await said("month"));
  check("team: the roll-up's revenue is the context's", (await said("revenue")) === team.revenue_actual_text);
  check("team: the overdue count is the context's", (await said("overdue")) === String(rollup.line.overdue));
  check("team: the promotions this year are the context's", (await said("promotions")) === String(rollup.promotions_this_year));
  for (const r of rollup.people) {
    const row = await page.locator(`.team-table tbody tr[data-person="${r.person}"]`).innerText();
    if (r.revenue?.month) check(`team: ${r.person}'s row says the month of the reading`, row.includes(r.revenue.month), row);
    for (const o of r.overdue) check(`team: ${r.person}'s row says ${o} is overdue`, row.includes(o), row);
    if (r.last_update) check(`team: ${r.person}'s row says the last update`, row.includes(r.last_update), row);
  }
  if (rollup.levels > 1) {
    const tree = await page.locator(".team-tree li").evaluateAll((items) => items.map((i) => i.dataset.person));
    check("team: the hierarchy lists everyone, heads first", JSON.stringify(tree) === JSON.stringify(rollup.order), tree.join(","));
  }
  const months = await page.locator(".team-months li").evaluateAll((items) => items.map((i) => i.dataset.month));
  const read = rollup.revenue.months.filter((m) => m.actual !== null).map((m) => m.month);
  check("team: the revenue chart has every month read", JSON.stringify(months) === JSON.stringify(read), months.join(","));
  const grid = await page.locator(".team-grid tbody tr").count();
  check("team: the skills grid has a row per person", grid === rollup.people.length, `${grid}`);
  await page.locator(".team").screenshot({ path: path.join(screens, "team-card-1280.png") });

  // Finding people: by name, then by manager.
  const visible = () => page.locator(".team-table tbody tr:not([hidden])").evaluateAll((rows) => rows.map((r) => r.dataset.person));
  const someone = rollup.people[rollup.people.length - 1];
  await page.fill("#team-q", someone.name.toLowerCase().split(" ")[0]);
  check("team: searching a name keeps that person", (await visible()).includes(someone.person), (await visible()).join(","));
  await page.fill("#team-q", "zzz-nobody");
  check("team: searching nobody hides every row", (await visible()).length === 0);
  await page.fill("#team-q", "");
  const boss = rollup.people.find((r) => r.team_size > 0);
  if (boss) {
    await page.selectOption("#team-m", boss.person);
    const shown = await visible();
    const below = rollup.people.filter((r) => r.managers.includes(boss.person)).map((r) => r.person);
    check(`team: the ${boss.person} filter shows exactly their team`, JSON.stringify([...shown].sort()) === JSON.stringify([...below].sort()), shown.join(","));
  }
  await context.close();

  // A phone: the table stacks, nothing scrolls sideways, in the page or in the card.
  const phone = await open("index.html", { width: 390, height: 844 }, dir);
  const page2 = phone.page;
  const wide = await page2.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check("team (390 px): the page does not scroll sideways", wide <= 0, `${wide}px`);
  const inner = await page2.evaluate(() => [...document.querySelectorAll(".team, .team .table-scroll")].map((e) => e.scrollWidth - e.clientWidth));
  check("team (390 px): nothing in the team card scrolls sideways", inner.every((w) => w <= 0), inner.join(","));
  check("team (390 px): the table's header row is hidden", !(await page2.locator(".team-table thead").isVisible()));
  const rows = await page2.locator(".team-table tbody tr").evaluateAll((rs) => rs.map((r) => r.getBoundingClientRect().right));
  check("team (390 px): every row fits the screen", rows.every((r) => r <= 390), rows.join(","));
  await page2.locator(".team").screenshot({ path: path.join(screens, "team-card-390.png") });
  await phone.context.close();
}
