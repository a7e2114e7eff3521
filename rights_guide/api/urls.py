"""API routes, outside the language prefix: the language comes from ?lang= or Accept-Language."""

from django.urls import path

from rights_guide.api import views

urlpatterns = [
    path("assess", views.assess, name="api_assess"),
    path("assess/", views.assess),
    path("letters", views.letters, name="api_letters"),
    path("letters/", views.letters),
    path("openapi.json", views.openapi, name="api_openapi"),
]
