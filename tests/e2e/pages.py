"""Pages every browser test visits: (URL name, path in Chinese, path in English).

Adding a page to the accessibility, width and same-origin checks is one line here.
Pages that need answers first are checked inside their own flow tests with
``check_accessibility``.
"""

PAGES = [
    ("home", "/", "/en/"),
    ("privacy", "/privacy/", "/en/privacy/"),
    ("help_calls", "/help/calls/", "/en/help/calls/"),
    ("interview_first_step", "/interview/lender/", "/en/interview/lender/"),
    ("third_party_first_step", "/called/relationship/", "/en/called/relationship/"),
    ("contacts_notice", "/notice/", "/en/notice/"),
]
