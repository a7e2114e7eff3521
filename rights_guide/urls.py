"""URL map. Pages are prefixed with /en/ for English; Chinese, the default, has no prefix."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.i18n import set_language

from rights_guide import pages
from rights_guide.complaints.web import views as complain_views
from rights_guide.evidence.web import transfer as evidence_transfer
from rights_guide.evidence.web import views as evidence
from rights_guide.guide import views as guide
from rights_guide.guide.sitemaps import SITEMAPS
from rights_guide.interview import called_views as called
from rights_guide.interview import views as interview
from rights_guide.letters.web import choices as letter_choices
from rights_guide.letters.web import details as letter_details
from rights_guide.letters.web import saved as saved_letters
from rights_guide.letters.web import views as letters

urlpatterns = [
    path("api/v1/", include("rights_guide.api.urls")),
    path("healthz", pages.health, name="health"),
    path("robots.txt", guide.robots, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    # Inside the language prefix so that the page's own language is active
    # when set_language translates the "next" address into the other one.
    path("i18n/setlang/", set_language, name="set_language"),
    path("", pages.home, name="home"),
    path("privacy/", pages.privacy, name="privacy"),
    path("privacy/delete/", pages.delete_my_data, name="delete_my_data"),
    path("help/calls/", pages.help_calls, name="help_calls"),
    path("guide/", include("rights_guide.guide.urls")),
    path("interview/", interview.start, name="interview_start"),
    path("interview/review/", interview.review, name="interview_review"),
    path("interview/restart/", interview.restart, name="interview_restart"),
    path("interview/<slug:slug>/", interview.step, name="interview_step"),
    path("results/", interview.results, name="results"),
    path("complain/<slug:body>/", complain_views.complain, name="complain"),
    # The evidence log: every contact on record, judged, charted, imported and exported.
    path("log/", evidence.log_page, name="evidence_log"),
    path("log/repeat/", evidence.repeat, name="evidence_repeat"),
    path("log/people/", evidence.people, name="evidence_people"),
    path("log/chart/", evidence.chart_page, name="evidence_chart"),
    path("log/import/", evidence_transfer.import_page, name="evidence_import"),
    path("log/export.csv", evidence_transfer.export_csv, name="evidence_export"),
    path("log/template.csv", evidence_transfer.template_csv, name="evidence_template"),
    path("log/evidence.pdf", evidence_transfer.evidence_pdf, name="evidence_pdf"),
    path("log/<int:key>/", evidence.edit, name="evidence_edit"),
    path("log/<int:key>/delete/", evidence.delete, name="evidence_delete"),
    # For the people called about someone else's debt, and the notice a borrower sends them.
    path("called/", called.start, name="third_party_start"),
    path("called/review/", called.review, name="third_party_review"),
    path("called/restart/", called.restart, name="third_party_restart"),
    path("called/results/", called.results, name="third_party_results"),
    path(
        "called/complain/<slug:body>/",
        complain_views.complain,
        {"perspective": "third_party"},
        name="third_party_complain",
    ),
    path("called/<slug:slug>/", called.step, name="third_party_step"),
    path("notice/", called.contacts_notice, name="contacts_notice"),
    path("letters/download/<str:token>/", letters.download_again, name="letter_download"),
    path("letters/saved/", saved_letters.saved_letters, name="saved_letters"),
    path(
        "letters/saved/<str:token>/delete/", saved_letters.delete_saved, name="saved_letter_delete"
    ),
    path("letters/details/", letter_details.details, name="letter_details"),
    path("letters/<slug:kind>/", letters.start, name="letter_start"),
    path("letters/<slug:kind>/choices/", letter_choices.choices, name="letter_choices"),
    path("letters/<slug:kind>/preview/", letters.preview, name="letter_preview"),
    path("letters/<slug:kind>/print/", letters.print_view, name="letter_print"),
    prefix_default_language=False,
)

handler400 = "rights_guide.pages.bad_request"
handler403 = "rights_guide.refusals.forbidden"
handler500 = "rights_guide.pages.server_error"
