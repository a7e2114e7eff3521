"""The guide's addresses, under /guide/ (and /en/guide/): the contents, search, one per topic."""

from django.urls import path

from rights_guide.guide import views

urlpatterns = [
    path("", views.index, name="guide_index"),
    path("search/", views.search, name="guide_search"),
    path("<slug:slug>/", views.topic, name="guide_topic"),
]
