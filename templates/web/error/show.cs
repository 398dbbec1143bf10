<?cs include:"layout/head.cs" ?>
<h1><?cs var:error.status ?> <?cs var:error.reason ?></h1>
<p class="lede"><?cs var:error.message ?></p>
<p><a href="/">Back to the home page</a></p>
<?cs include:"layout/foot.cs" ?>
