// Everything the plan holds in words is on the dashboard: the vision, the
// year plans' role targets and success criteria, the quarter's milestones,
// the skills' development actions, this month's written answers and the
// archive of every review, filtered and searched in the page. Every
// expected text comes from `roadmap report --context`.
import path from "node:path";

const text = async (page, selector) => ((await page.locator(selector).allTextContents()).join(" ")).replace(/\s+/g, " ");
const squash = (s) => String(s).replace(/\s+/g, " ").trim();

export async function checkContent(open, ctx, check, screens) {
  const plan = ctx.plans[0];
  const { page, context, log } = await open("index.html", { width: 1280, height: 900 });

  // The vision in full.
  const vision = await text(page, "#vision");
  const v = plan.vision;
  const words = [v.statement, v.impact, v.leader, v.success, v.company, ...v.expertise, ...v.values,
    ...v.recognition, ...v.strengths, ...v.needs, ...v.constraints].filter(Boolean);
  check("the vision card holds every part of the vision", words.length > 10);
  for (const w of words) check(`the vision card shows "${w}"`, vision.includes(squash(w)), vision.slice(0, 200));

  // The year plans' role target and success criteria with their state.
  for (const y of plan.year_plans.filter((y) => y.success.length || y.role)) {
    const card = await text(page, `[data-year-plan="${y.year}"]`);
    if (y.role) check(`${y.year}: the role target is shown`, card.includes(squash(y.role)), card);
    check(`${y.year}: the criteria met are counted`, card.includes(`${y.success_met} of ${y.success.length} met`), card);
    for (const c of y.success) check(`${y.year}: criterion "${c.title}" is shown`, card.includes(squash(c.title)), card);
  }

  // The phases' objective and relationships.
  for (const ph of plan.phases) {
    const card = await text(page, `[data-phase="${ph.id}"]`);
    if (ph.objective) check(`phase ${ph.id}: its objective`, card.includes(squash(ph.objective)), card);
    for (const r of ph.relationships) check(`phase ${ph.id}: relationship "${r}"`, card.includes(squash(r)), card);
  }

  // The quarter's milestones, every grain, with their state.
  const quarter = plan.status.quarter;
  if (quarter) {
    const items = page.locator('[data-list="quarter-milestones"] li');
    check("the quarter card lists every milestone of the quarter", (await items.count()) === quarter.milestones.length,
      `${await items.count()} of ${quarter.milestones.length}`);
    for (const m of quarter.milestones) {
      const li = await text(page, `[data-list="quarter-milestones"] li[data-ms="${m.id}"]`);
      check(`quarter milestone ${m.id} with its title and state`, li.includes(squash(m.title)) && li.includes(m.due ?? "–"), li);
    }
  }
  // Every milestone, weekly and monthly ones included, on the timeline.
  const listed = (await page.locator('[data-list="done"] li, [data-list="ahead"] li').count());
  check("the timeline lists milestones of every grain", listed === plan.milestones.length, `${listed} of ${plan.milestones.length}`);
  check("the demo's weekly and monthly milestones are among them", plan.milestones.filter((m) => m.source === "quarter").length > 0);

  // The skills' development actions, with state and due.
  for (const s of plan.skills.filter((s) => s.actions.length)) {
    const rows = page.locator(`[data-actions-of="${s.id}"] li`);
    check(`${s.name}: every development action`, (await rows.count()) === s.actions.length);
    for (const a of s.actions) {
      const block = await text(page, `[data-actions-of="${s.id}"]`);
      check(`${s.name}: action "${a.title}"`, block.includes(squash(a.title)) && (!a.due || block.includes(a.due)), block);
    }
  }

  // Wins in date order, newest first.
  const days = await page.$$eval("#wins [data-win]", (els) => els.map((e) => e.querySelector("time")?.getAttribute("datetime") ?? null));
  const dated = days.filter(Boolean);
  check("wins are in date order", dated.every((d, i) => i === 0 || dated[i - 1] >= d), dated.join(", "));

  // This month's answers under their questions, and the verdict.
  const answered = plan.review.sections.filter((s) => s.answer);
  check("the month's review has written answers", answered.length > 0);
  for (const s of answered) {
    const prompt = await text(page, `#review .prompt:has(h3:text-is(${JSON.stringify(s.heading)}))`);
    check(`the answer under "${s.heading}"`, prompt.includes(squash(s.answer)), prompt.slice(0, 200));
  }
  if (plan.review.on_track) {
    check("the review's verdict", (await text(page, '#review [data-testid="on-track"]')) === plan.review.on_track);
  }

  // The archive: every review, filtered by kind and year, searched by text.
  const entries = page.locator(".review-entry");
  const all = plan.archive.length;
  check("the archive holds every review", (await entries.count()) === all, `${await entries.count()} of ${all}`);
  const shown = () => page.$$eval(".review-entry", (els) => els.filter((e) => !e.hidden).map((e) => e.dataset.review));
  await page.locator("#a-kind").selectOption("quarterly");
  const quarterly = plan.archive.filter((r) => r.kind_label === "quarterly").map((r) => r.period);
  check("the kind filter keeps the quarterly reviews", JSON.stringify(await shown()) === JSON.stringify(quarterly), (await shown()).join(","));
  const year = String(plan.archive[plan.archive.length - 1].year);
  await page.locator("#a-year").selectOption(year);
  const both = plan.archive.filter((r) => r.kind_label === "quarterly" && String(r.year) === year).map((r) => r.period);
  check("kind and year filter together", JSON.stringify(await shown()) === JSON.stringify(both), (await shown()).join(","));
  await page.locator("#a-kind").selectOption("all");
  await page.locator("#a-year").selectOption("all");
  // A learning written in one review only finds that review, opened.
  const target = plan.archive.find((r) => r.learnings.length) ?? plan.archive[0];
  const needle = (target.learnings[0] ?? target.answers[0]?.text ?? target.title).slice(0, 40);
  await page.locator("#a-text").fill(needle);
  const found = await shown();
  const expected = plan.archive.filter((r) =>
    [r.title, r.period, r.kind_label, r.on_track ?? "", r.path, ...r.answers.flatMap((a) => [a.heading, a.text]), ...r.wins, ...r.learnings, ...r.corrections]
      .join("\n").toLowerCase().includes(needle.toLowerCase())).map((r) => r.period);
  check("the search finds the review that holds the words", found.includes(target.period), `${needle} → ${found.join(",")}`);
  check("the search finds only reviews that hold the words", found.every((p) => expected.includes(p)), `${found} vs ${expected}`);
  check("a found review opens", await page.locator(`.review-entry[data-review="${target.period}"]`).evaluate((e) => e.open));
  const body = await text(page, `.review-entry[data-review="${target.period}"]`);
  for (const a of target.answers) check(`archived ${target.period}: "${a.heading}" answered`, body.includes(squash(a.text).slice(0, 60)), body.slice(0, 200));
  for (const w of target.wins) check(`archived ${target.period}: win "${w}"`, body.includes(squash(w)));
  for (const c of target.corrections) check(`archived ${target.period}: correction "${c}"`, body.includes(squash(c)));
  await page.locator("#a-text").fill("zz-no-review-says-this-zz");
  check("a search nothing matches says so", await page.locator("#a-empty").isVisible());
  await page.locator("#a-text").fill("");

  for (const id of ["vision", "archive", "quarter", "skills"]) {
    await page.locator(`#${id}`).screenshot({ path: path.join(screens, `content-${id}-1280.png`) });
  }
  check("content checks: no page error", log.errors.length === 0, log.errors.join(" | "));
  await context.close();

  const phone = await open("index.html", { width: 390, height: 844 });
  for (const id of ["vision", "archive", "year"]) {
    await phone.page.locator(`#${id}`).screenshot({ path: path.join(screens, `content-${id}-390.png`) });
  }
  const wide = await phone.page.$$eval("#vision *, #archive *, #year .year-plan *", (els) =>
    els.filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => e.tagName));
  check("the vision, year plans and archive fit 390 px", wide.length === 0, wide.join(", "));
  await phone.context.close();
}
