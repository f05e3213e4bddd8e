import { launchBrowser, startStaticServer } from "./test/browser/harness.ts";
const server = await startStaticServer(process.argv[2]!, { gzip: true });
const browser = await launchBrowser();
const page = await browser.newPage();
page.on("console", (m) => console.log("console:", m.text()));
for (const q of process.argv.slice(3)) {
  await page.goto(`${server.url}soeg/?q=${encodeURIComponent(q)}`);
  await page.waitForSelector("[data-search][data-ready]");
  console.log("==", q, "|", await page.locator("[data-status]").textContent());
  for (const r of await page.locator(".search-result").all()) {
    console.log(" -", (await r.locator("h2").textContent()));
    for (const li of await r.locator(".search-result-items > li, .search-result > p.search-result-excerpt").all()) {
      const html = await li.innerHTML();
      console.log("   ", html.replace(/<a href="([^"]*)">/, "[$1] ").replace(/<\/a>/, " :: ").replace(/<\/?p[^>]*>/g, "").slice(0, 400));
    }
  }
}
await browser.close(); await server.close();
