<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:page.title ?> · agent-generator</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/css/app.css">
<script type="module" src="/static/js/app.js"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<div class="shell">
<nav class="rail" aria-label="Main">
  <a class="rail-brand" href="/" title="agent-generator"><span aria-hidden="true">ag</span></a>
  <a href="/" class="rail-item<?cs if:page.nav == "home" ?> active<?cs /if ?>"<?cs if:page.nav == "home" ?> aria-current="page"<?cs /if ?>><svg aria-hidden="true" viewBox="0 0 16 16"><path d="M2 8 8 2l6 6v6H10V10H6v4H2z"/></svg><span>Home</span></a>
  <a href="/generate" class="rail-item<?cs if:page.nav == "generate" ?> active<?cs /if ?>"<?cs if:page.nav == "generate" ?> aria-current="page"<?cs /if ?>><svg aria-hidden="true" viewBox="0 0 16 16"><path d="M7 2h2v5h5v2H9v5H7V9H2V7h5z"/></svg><span>Generate</span></a>
  <a href="/projects" class="rail-item<?cs if:page.nav == "projects" ?> active<?cs /if ?>"<?cs if:page.nav == "projects" ?> aria-current="page"<?cs /if ?>><svg aria-hidden="true" viewBox="0 0 16 16"><path d="M1 3h5l1 2h8v9H1z"/></svg><span>Projects</span></a>
  <a href="/test" class="rail-item<?cs if:page.nav == "test" ?> active<?cs /if ?>"<?cs if:page.nav == "test" ?> aria-current="page"<?cs /if ?>><svg aria-hidden="true" viewBox="0 0 16 16"><path d="M1 2h14v9H6l-4 3v-3H1z"/></svg><span>Test</span></a>
  <a href="/history" class="rail-item<?cs if:page.nav == "history" ?> active<?cs /if ?>"<?cs if:page.nav == "history" ?> aria-current="page"<?cs /if ?>><svg aria-hidden="true" viewBox="0 0 16 16"><path d="M8 1a7 7 0 1 1-7 7h2a5 5 0 1 0 1.5-3.5L6 6H1V1l1.6 1.6A7 7 0 0 1 8 1zm-1 3h2v4l3 2-1 1.5-4-2.5z"/></svg><span>History</span></a>
  <a href="/about" class="rail-item<?cs if:page.nav == "about" ?> active<?cs /if ?>"<?cs if:page.nav == "about" ?> aria-current="page"<?cs /if ?>><svg aria-hidden="true" viewBox="0 0 16 16"><path d="M7 7h2v6H7zM7 3h2v2H7z"/></svg><span>About</span></a>
<?cs if:user.role == "admin" ?>  <a href="/admin/users" class="rail-item<?cs if:page.nav == "admin" ?> active<?cs /if ?>"<?cs if:page.nav == "admin" ?> aria-current="page"<?cs /if ?>><svg aria-hidden="true" viewBox="0 0 16 16"><path d="M8 1 2 4v4c0 3.5 2.6 6.3 6 7 3.4-.7 6-3.5 6-7V4z"/></svg><span>Admin</span></a>
  <a href="/settings/providers" class="rail-item<?cs if:page.nav == "settings" ?> active<?cs /if ?>"<?cs if:page.nav == "settings" ?> aria-current="page"<?cs /if ?>><svg aria-hidden="true" viewBox="0 0 16 16"><path d="M7 1h2l.4 2 1.5.7 1.7-1.2 1.4 1.4-1.2 1.7.7 1.5 2 .4v2l-2 .4-.7 1.5 1.2 1.7-1.4 1.4-1.7-1.2-1.5.7L9 15H7l-.4-2-1.5-.7-1.7 1.2-1.4-1.4 1.2-1.7-.7-1.5L1 9V7l2-.4.7-1.5-1.2-1.7 1.4-1.4 1.7 1.2 1.5-.7zm1 5a2 2 0 1 0 0 4 2 2 0 0 0 0-4z"/></svg><span>Settings</span></a>
<?cs /if ?></nav>
<div class="main-col">
<header class="topbar">
  <ol class="crumbs" aria-label="Breadcrumb"><li><a href="/">agent-generator</a></li><?cs if:page.nav != "home" ?><li aria-current="page"><?cs var:page.title ?></li><?cs /if ?></ol>
<?cs if:user.name ?>  <div class="topbar-user"><a href="/account" title="Account (<?cs var:user.role ?>)"><?cs var:user.name ?></a>
    <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="<?cs var:csrf.token ?>"><button type="submit" class="link">Sign out</button></form></div>
<?cs /if ?></header>
<main id="main" class="content<?cs if:page.wide ?> wide<?cs /if ?>">
