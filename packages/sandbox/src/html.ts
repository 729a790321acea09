/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Whether a request asks for HTML (a browser's navigation), not JSON. */
export const wantsHtml = (accept: string | undefined): boolean =>
  accept !== undefined && /\btext\/html\b/i.test(accept);

/** Style of the sandbox's pages: system fonts only, nothing fetched from the web. */
export const PAGE_STYLE = `
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;background:#f6f8fa}
header{padding:16px 24px;background:#1b1f24;color:#fff}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#c9d1d9}header a{color:#9cd0ff}
main{max-width:1100px;margin:0 auto;padding:8px 24px 48px}
h2{margin:24px 0 8px}h2 .raw{font-size:13px;font-weight:normal;margin-left:8px}
code,pre,textarea,input{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
pre{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:8px 12px;overflow:auto;max-height:360px;margin:6px 0}
.hint{color:#59636e;font-size:13px}
.credentials fieldset{border:1px solid #d0d7de;border-radius:6px;margin:8px 0;padding:8px 12px;display:flex;flex-wrap:wrap;gap:8px 16px;background:#fff}
.credentials label{display:flex;flex-direction:column;font-size:12px;color:#59636e}
.credentials input{width:280px;padding:4px 6px;border:1px solid #d0d7de;border-radius:4px}
.api .title{font-weight:600;margin:0}.api>.description{white-space:pre-line;color:#59636e;font-size:13px}
.op{background:#fff;border:1px solid #d0d7de;border-radius:8px;margin:12px 0;padding:12px 16px}
.op h3{margin:0 0 6px;font-size:16px;display:flex;gap:10px;align-items:center;flex-wrap:wrap}
.op h3 .summary{font-weight:normal;color:#59636e}
.method{color:#fff;border-radius:4px;padding:2px 8px;font-size:12px}.method.get{background:#1a7f37}.method.post{background:#0969da}
.op .description{margin:4px 0 8px;font-size:13px}
.params{border-collapse:collapse;width:100%;margin:6px 0}.params th,.params td{text-align:left;padding:3px 6px;border-bottom:1px solid #eaeef2;font-size:13px;vertical-align:top}
.params input{width:100%;box-sizing:border-box;padding:3px 6px;border:1px solid #d0d7de;border-radius:4px}
.signed{color:#8250df;font-size:12px}
.op h4{margin:10px 0 4px;font-size:14px}
.op select{margin-bottom:6px;max-width:100%}
.op textarea{width:100%;box-sizing:border-box;border:1px solid #d0d7de;border-radius:6px;padding:8px}
.response-example summary,.sent summary{cursor:pointer;font-size:13px;color:#0969da;margin-top:4px}
.try{margin-top:10px;background:#1f883d;color:#fff;border:0;border-radius:6px;padding:6px 14px;font-size:14px;cursor:pointer}
.try:disabled{opacity:.6}
.status{font-weight:600;margin:8px 0 0}.status.ok{color:#1a7f37}.status.bad{color:#cf222e}
table.routes{border-collapse:collapse;background:#fff}table.routes td,table.routes th{border:1px solid #d0d7de;padding:4px 8px;text-align:left;font-size:14px}
`;

/** One of the sandbox's pages, as {@link htmlPage} lays it out. */
export interface HtmlPage {
  /** The document's title (text). */
  title: string;
  /** The header's heading (text); the title when absent. */
  heading?: string;
  /** The header's line under the heading (markup). */
  intro: string;
  /** The page's style; {@link PAGE_STYLE} when absent. */
  style?: string;
  /** The content of `<main>` (markup). */
  main: string;
  /** Markup after `<main>`: the page's configuration and script. */
  tail?: string;
}

/** A sandbox page: the shared head and header, then its own content; it loads nothing from the web. */
export function htmlPage(page: HtmlPage): string {
  const { title, heading = title, intro, style = PAGE_STYLE, main, tail = '' } = page;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<header><h1>${escapeHtml(heading)}</h1><p>${intro}</p></header>
<main>
${main}
</main>
${tail}
</body>
</html>`;
}
