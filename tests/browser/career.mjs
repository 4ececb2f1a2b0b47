// Career progression in the browser: the dashboard's header and career
// section show the title held now and every recorded figure, the owner's
// dashboard shows the pay, and the printed summary (its PDF's text, read by
// poppler's pdftotext) holds no compensation figure.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/// The text of a PDF, as poppler's pdftotext reads it.
function pdfText(pdf, check) {
  try {
    return execFileSync("pdftotext", ["-layout", "-", "-"], { input: pdf }).toString("utf8");
  } catch (e) {
    check("pdftotext reads the summary's PDF (install Debian's poppler-utils)", false, String(e));
    return null;
  }
}

/// Every way a pay figure of the context can be printed: `$124k` and the
/// bare number, with and without thousands separators.
function payFigures(career) {
  const out = [];
  for (const text of [career.base_text, career.total_text]) {
    if (!text) continue;
    out.push(text, text.replace(/^\$/, ""));
  }
  for (const s of career.progression.series.filter((s) => s.field === "compensation")) {
    for (const p of s.points) {
      if (p.value === null) continue;
      out.push(p.text, String(p.value), p.value.toLocaleString("en-US"));
    }
  }
  return [...new Set(out)].filter((t) => t.length >= 3);
}

export async function checkCareer({ open, ctx, check, screens }) {
  const plan = ctx.plans[0];
  const career = plan.career;
  const { page, context } = await open("index.html", { width: 1280, height: 900 });
  const header = (await page.locator("[data-testid=title-now]").first().textContent()).trim();
  check("the dashboard's header shows the title held now", header === plan.status.role_now, `${header} vs ${plan.status.role_now}`);
  const section = page.locator("#career");
  check("the dashboard has a career section", (await section.count()) === 1);
  if (career) {
    const title = (await section.locator("[data-career=title]").textContent()).trim();
    check("the career section shows the title", title === career.title, `${title} vs ${career.title}`);
    for (const s of career.progression.series) {
      const row = section.locator(`[data-series="${s.id}"]`);
      const shown = (await row.count()) === 1 ? await row.textContent() : "";
      const last = s.points[s.points.length - 1].text;
      check(`the career section charts ${s.id} with its last reading`, shown.includes(last), `${shown} lacks ${last}`);
      if (s.spark) {
        const drawn = await row.locator("polyline").count();
        check(`${s.id} is drawn as a line`, drawn === 1);
      }
    }
    if (career.base_text) {
      const base = (await section.locator("[data-career=base]").textContent()).trim();
      check("the owner's dashboard shows the base pay", base.startsWith(career.base_text), base);
    }
  }
  await section.screenshot({ path: path.join(screens, "career-1280.png") });
  await context.close();

  const phone = await open("index.html", { width: 390, height: 844 });
  const phoneSection = phone.page.locator("#career");
  const wide = await phoneSection.evaluate((el) => el.scrollWidth - el.clientWidth);
  check("the career section fits 390px", wide <= 1, `${wide}px too wide`);
  await phoneSection.screenshot({ path: path.join(screens, "career-390.png") });
  await phone.context.close();

  // The summary is handed to others: its printed text holds no pay.
  const summary = await open("summary.html", { width: 1000, height: 1300 });
  await summary.page.emulateMedia({ media: "print" });
  const pdf = await summary.page.pdf({ format: "A4", printBackground: true });
  fs.writeFileSync(path.join(screens, "career-summary-A4.pdf"), pdf);
  const text = pdfText(pdf, check);
  if (text !== null) {
    check("the summary's PDF has text", text.includes(plan.name), text.slice(0, 200));
    if (career) {
      const figures = payFigures(career);
      check("the context has pay figures to look for", figures.length > 0);
      for (const figure of figures) {
        check(`the summary's PDF holds no compensation figure (${figure})`, !text.includes(figure));
      }
    }
    const income = plan.vision.income_text;
    if (income) {
      check(`the summary's PDF holds no income goal (${income})`, !text.includes(income));
    }
  }
  await summary.context.close();
}
