"""API routes, outside the language prefix: the language comes from ?lang= or Accept-Language."""

from django.urls import path

from rights_guide.api import letters, views

urlpatterns = [
    path("assess", views.assess, name="api_assess"),
    path("assess/", views.assess),
    path("letters", letters.letters, name="api_letters"),
    path("letters/", letters.letters),
]
