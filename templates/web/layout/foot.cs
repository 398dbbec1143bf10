</main>
</div>
</div>
</body>
</html>
