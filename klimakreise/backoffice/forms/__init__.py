"""Back-office forms. Each one checks what the database constraints check, with a message."""
