// agent-generator: progressive enhancement only. Every page works without this file.
// Marks the document so CSS can tell the enhanced path apart.
document.documentElement.classList.add('js');
