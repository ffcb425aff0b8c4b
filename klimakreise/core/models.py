# Core has no models of its own; the module makes Django send it post_migrate.
