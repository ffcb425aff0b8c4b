from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "klimakreise.demo"
    verbose_name = "Demo"
