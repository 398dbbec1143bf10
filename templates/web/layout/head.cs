<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:page.title ?> · agent-generator</title>
<link rel="stylesheet" href="/static/css/app.css">
<script type="module" src="/static/js/app.js"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<div class="shell">
<nav class="rail" aria-label="Main">
  <a class="rail-brand" href="/" title="agent-generator"><span aria-hidden="true">ag</span></a>
  <a href="/" class="rail-item<?cs if:page.nav == "home" ?> active<?cs /if ?>"<?cs if:page.nav == "home" ?> aria-current="page"<?cs /if ?>><svg aria-hidden="true" viewBox="0 0 16 16"><path d="M2 8 8 2l6 6v6H10V10H6v4H2z"/></svg><span>Home</span></a>
  <a href="/about" class="rail-item<?cs if:page.nav == "about" ?> active<?cs /if ?>"<?cs if:page.nav == "about" ?> aria-current="page"<?cs /if ?>><svg aria-hidden="true" viewBox="0 0 16 16"><path d="M7 7h2v6H7zM7 3h2v2H7z"/></svg><span>About</span></a>
<?cs if:user.role == "admin" ?>  <a href="/admin/users" class="rail-item<?cs if:page.nav == "admin" ?> active<?cs /if ?>"<?cs if:page.nav == "admin" ?> aria-current="page"<?cs /if ?>><svg aria-hidden="true" viewBox="0 0 16 16"><path d="M8 1 2 4v4c0 3.5 2.6 6.3 6 7 3.4-.7 6-3.5 6-7V4z"/></svg><span>Admin</span></a>
<?cs /if ?></nav>
<div class="main-col">
<header class="topbar">
  <ol class="crumbs" aria-label="Breadcrumb"><li><a href="/">agent-generator</a></li><?cs if:page.nav != "home" ?><li aria-current="page"><?cs var:page.title ?></li><?cs /if ?></ol>
<?cs if:user.name ?>  <div class="topbar-user"><a href="/account" title="Account (<?cs var:user.role ?>)"><?cs var:user.name ?></a>
    <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="<?cs var:csrf.token ?>"><button type="submit" class="link">Sign out</button></form></div>
<?cs /if ?></header>
<main id="main" class="content">
