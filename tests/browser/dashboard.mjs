// What the dashboard must show, checked against the report context.
export async function checkDashboard(page, ctx, check) {
  const sections = await page.locator("main section[id]").count();
  check("index.html has sections", sections > 0, `${sections}`);
}
