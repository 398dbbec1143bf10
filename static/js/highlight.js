// A small, safe syntax highlighter: it splits text into tokens and builds spans with
// textContent, so file contents are never parsed as HTML.
const RULES = {
  python: [
    ['com', /#[^\n]*/y], ['str', /("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')/y],
    ['kw', /\b(?:def|class|return|import|from|as|if|elif|else|for|while|in|not|and|or|is|None|True|False|try|except|finally|with|yield|async|await|raise|lambda|pass|break|continue|global|nonlocal)\b/y],
    ['num', /\b\d+(?:\.\d+)?\b/y],
  ],
  yaml: [['com', /#[^\n]*/y], ['str', /"(?:\\.|[^"\\\n])*"|'[^'\n]*'/y], ['key', /^[ \t-]*[A-Za-z0-9_.-]+(?=:)/my], ['num', /\b\d+(?:\.\d+)?\b/y]],
  toml: [['com', /#[^\n]*/y], ['str', /"(?:\\.|[^"\\\n])*"|'[^'\n]*'/y], ['key', /^[ \t]*[A-Za-z0-9_.-]+(?=\s*=)|^\[[^\]\n]+\]/my], ['num', /\b\d+(?:\.\d+)?\b/y]],
  json: [['key', /"(?:\\.|[^"\\])*"(?=\s*:)/y], ['str', /"(?:\\.|[^"\\])*"/y], ['num', /-?\b\d+(?:\.\d+)?\b/y], ['kw', /\b(?:true|false|null)\b/y]],
  dockerfile: [['com', /#[^\n]*/y], ['kw', /^[ \t]*(?:FROM|RUN|COPY|ADD|CMD|ENTRYPOINT|ENV|ARG|WORKDIR|USER|EXPOSE|LABEL|HEALTHCHECK)\b/my], ['str', /"(?:\\.|[^"\\\n])*"/y]],
  shell: [['com', /#[^\n]*/y], ['str', /"(?:\\.|[^"\\\n])*"|'[^'\n]*'/y]],
};

function tokens(text, rules) {
  const out = [];
  let plain = '';
  let i = 0;
  outer: while (i < text.length) {
    for (const [cls, re] of rules) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (m && m.index === i && m[0].length > 0) {
        if (plain) { out.push([null, plain]); plain = ''; }
        out.push([cls, m[0]]);
        i += m[0].length;
        continue outer;
      }
    }
    plain += text[i++];
  }
  if (plain) out.push([null, plain]);
  return out;
}

export function highlightAll() {
  for (const code of document.querySelectorAll('pre code[class^="lang-"]')) {
    const rules = RULES[code.className.slice(5)];
    if (!rules || code.textContent.length > 200000) continue;
    const frag = document.createDocumentFragment();
    for (const [cls, text] of tokens(code.textContent, rules)) {
      if (!cls) { frag.append(text); continue; }
      const span = document.createElement('span');
      span.className = 'tok-' + cls;
      span.textContent = text;
      frag.append(span);
    }
    code.replaceChildren(frag);
  }
}
