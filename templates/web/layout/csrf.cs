<input type="hidden" name="_csrf" value="<?cs var:csrf.token ?>">
