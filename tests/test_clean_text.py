"""clean on pasted plain text and Markdown we wrote: furniture, comments, metadata."""
# ruff: noqa: E501  (article text is kept as written, one paragraph a line)

from __future__ import annotations

from newsprism.clean import clean_document
from newsprism.model import Article, Document

PASTED = """Skip to content
Home | News | World | Business | Sport
We use cookies to personalise content and ads. By continuing you agree to our cookie policy.
Accept all

Business

Wind farm operator halts expansion after turbine blade failures

By Lena Ortiz and Tomas Berg
Published: March 3, 2024

OSLO (NPA) - A Norwegian wind farm operator has paused the expansion of its largest coastal site after two turbine blades cracked during a winter storm, the company said on Sunday.
ADVERTISEMENT
The operator said engineers would inspect all 48 turbines at the site before any new construction begins. No one was injured when the blades failed, but debris was found more than 300 metres from the towers.
“I think we waited too long to look at the older blades, and you can see the result,” said Ingrid Moe, the company's head of operations. “We will not take that risk again.”
Read more: Oil prices fall as North Sea output rises
Local fishermen have long argued that the site was built too close to their harbour. In my view, said one council member, the inspection is overdue.
What happens next
The inspections are expected to take six weeks, and the company said it would publish the results.
Sign up for our morning newsletter to get the day's business news.
Most read
Ferry strike ends after nine days
Council approves new bridge toll
© 2024 Nordic Press Agency. All rights reserved.
37 comments
sailor_77:
I can't believe they kept running those turbines. My brother works there and nobody listens.
Reply
fjordfan,
You clearly have no idea how maintenance schedules work. Blades crack, it happens.
"""


def _clean(text: str, media_type: str = "text/plain") -> Article:
    return clean_document(Document("pasted.txt", text.encode("utf-8"), media_type))


def test_clean_text_keeps_body_including_quotes_and_opinions() -> None:
    art = _clean(PASTED)
    assert art.text.split("\n") == [
        "OSLO (NPA) - A Norwegian wind farm operator has paused the expansion of its largest "
        "coastal site after two turbine blades cracked during a winter storm, the company said "
        "on Sunday.",
        "The operator said engineers would inspect all 48 turbines at the site before any new "
        "construction begins. No one was injured when the blades failed, but debris was found "
        "more than 300 metres from the towers.",
        "“I think we waited too long to look at the older blades, and you can see the result,” "
        "said Ingrid Moe, the company's head of operations. “We will not take that risk again.”",
        "Local fishermen have long argued that the site was built too close to their harbour. "
        "In my view, said one council member, the inspection is overdue.",
        "What happens next",
        "The inspections are expected to take six weeks, and the company said it would publish "
        "the results.",
    ]


def test_clean_text_records_each_kind_removed() -> None:
    kinds = {r.kind for r in _clean(PASTED).removed}
    assert kinds == {
        "navigation",
        "cookie",
        "metadata",
        "advert",
        "related",
        "promo",
        "footer",
        "comments",
    }


def test_clean_text_comment_thread_goes_as_one_block() -> None:
    comments = [r.text for r in _clean(PASTED).removed if r.kind == "comments"]
    assert len(comments) == 1
    assert comments[0].startswith("37 comments\nsailor_77:")
    assert comments[0].endswith("Blades crack, it happens.")


def test_clean_text_recovers_metadata() -> None:
    art = _clean(PASTED)
    assert art.title == "Wind farm operator halts expansion after turbine blade failures"
    assert art.byline == ("Lena Ortiz", "Tomas Berg")
    assert art.published == "2024-03-03"
    assert art.outlet == "Nordic Press Agency"
    assert art.url is None
    assert {"Business", "By Lena Ortiz and Tomas Berg"} <= {
        r.text for r in art.removed if r.kind == "metadata"
    }


def test_clean_text_dateline_names_the_outlet_when_nothing_else_does() -> None:
    text = PASTED.replace("© 2024 Nordic Press Agency. All rights reserved.\n", "")
    assert _clean(text).outlet == "NPA"


def test_clean_text_comments_without_marker_signed_by_handles() -> None:
    story = (
        "Harbour officials said on Monday that the new ferry terminal would open in June, "
        "two months later than planned, because of delays in steel deliveries.\n"
        "The terminal will handle up to 40 departures a day once it is finished, according to "
        "the port authority, which is paying for most of the work.\n"
        "Construction firms in the region have reported similar delays this year, the "
        "authority said in its statement.\n"
        "dave_k,\n"
        "Two months late is nothing, you should see the road works near my house.\n"
        "mira:\n"
        "I just hope they fix the parking before it opens.\n"
    )
    art = _clean(story)
    assert art.text.endswith("the authority said in its statement.")
    assert "parking" not in art.text
    assert [r.kind for r in art.removed] == ["comments"]


def test_clean_text_first_person_ending_is_body_without_cues() -> None:
    story = (
        "The museum reopened on Saturday after a two-year renovation that cost 12 million "
        "euros, the city said.\n"
        "Visitors queued for more than an hour to see the restored ceiling paintings in the "
        "main hall, which had been damaged by water in 2019.\n"
        "I came here as a child with my grandmother and I wanted my own children to see it.\n"
        "Do you think it was worth the wait?\n"
    )
    art = _clean(story)
    assert art.text.endswith("Do you think it was worth the wait?")
    assert art.removed == ()


def test_clean_text_rejoins_hard_wrapped_lines() -> None:
    wrapped = (
        "The regional council voted on Thursday to extend the night bus service to the\n"
        "airport for another year, after passenger numbers rose by a fifth since the trial\n"
        "began in the spring.\n"
        "\n"
        "The extension will cost about 2 million crowns, which the council said would be\n"
        "covered by higher fares on the busiest routes.\n"
    )
    art = _clean(wrapped)
    assert art.text.split("\n") == [
        "The regional council voted on Thursday to extend the night bus service to the airport "
        "for another year, after passenger numbers rose by a fifth since the trial began in the "
        "spring.",
        "The extension will cost about 2 million crowns, which the council said would be "
        "covered by higher fares on the busiest routes.",
    ]


def test_clean_text_markdown_syntax_is_removed() -> None:
    md = (
        "# Night buses to run for another year\n\n"
        "The council voted on **Thursday** to extend the [night bus](https://x.example/bus) "
        "service to the airport, after passenger numbers rose.\n\n"
        "- Fares on the busiest routes will rise.\n"
    )
    art = _clean(md, "text/markdown")
    assert art.title == "Night buses to run for another year"
    assert art.text == (
        "The council voted on Thursday to extend the night bus service to the airport, after "
        "passenger numbers rose.\nFares on the busiest routes will rise."
    )


def test_clean_text_detects_german() -> None:
    text = (
        "Der Stadtrat hat am Donnerstag beschlossen, den Nachtbus zum Flughafen ein weiteres "
        "Jahr fahren zu lassen. Die Zahl der Fahrgäste ist seit dem Beginn des Versuchs im "
        "Frühjahr um ein Fünftel gestiegen, und die Kosten werden durch höhere Preise auf den "
        "stärksten Strecken gedeckt, wie die Verwaltung mitteilte."
    )
    assert _clean(text).language == "de"


def test_clean_text_trailing_url_and_date_lines_are_metadata() -> None:
    story = (
        "Harbour officials said on Monday that the new ferry terminal would open in June, "
        "two months later than planned, because of delays in steel deliveries.\n"
        "The terminal will handle up to 40 departures a day once it is finished.\n"
        "November 20, 2024\n"
        "https://www.coastalledger.example/news/ferry-terminal-delay\n"
    )
    art = _clean(story)
    assert art.published == "2024-11-20"
    assert art.url == "https://www.coastalledger.example/news/ferry-terminal-delay"
    assert art.outlet == "coastalledger.example"
    assert art.text.endswith("40 departures a day once it is finished.")


def test_clean_text_news_about_cookies_is_body_not_a_banner() -> None:
    story = (
        "European regulators said on Tuesday that websites must make it as easy to reject "
        "tracking cookies as to accept them, under guidance that takes effect in May.\n"
        "Consumer groups welcomed the decision, which follows complaints about consent "
        "banners that hide the reject button behind several menus.\n"
    )
    art = _clean(story)
    assert art.text == " ".join(story.split("\n")[:1]) + "\n" + story.split("\n")[1]
    assert art.removed == ()


def test_clean_text_subheading_named_like_furniture_keeps_the_rest() -> None:
    story = (
        "Researchers at the university published a study on Monday showing that coastal "
        "erosion in the region has doubled since 1990.\n"
        "The team measured cliff retreat at 40 sites using aerial photographs taken every "
        "five years.\n"
        "Discussion\n"
        "The authors said the faster erosion was linked to stronger winter storms and to "
        "sand extraction offshore.\n"
    )
    art = _clean(story)
    assert art.text.endswith("linked to stronger winter storms and to sand extraction offshore.")
    assert "\nDiscussion\n" in art.text


def test_clean_date_from_article_url_path() -> None:
    from newsprism.clean.metadata import date_from_url

    assert date_from_url("https://example.com/world/2023/02/07/quake-toll-rises") == "2023-02-07"
    assert date_from_url("https://example.com/2023-13-45-not-a-date") is None
    assert date_from_url("https://example.com/news/item-20230207") is None


def test_clean_text_credit_line_adds_reporters_not_editors() -> None:
    story = (
        "By Lena Ortiz\n\n"
        "Harbour officials said on Monday that the new ferry terminal would open in June, "
        "two months later than planned, because of delays in steel deliveries.\n"
        "The terminal will handle up to 40 departures a day once it is finished.\n"
        "(Reporting by Tomas Berg in Bergen and Lena Ortiz; Editing by Carl Dunn)\n"
    )
    art = _clean(story)
    assert art.byline == ("Lena Ortiz", "Tomas Berg")
    assert art.text.endswith("40 departures a day once it is finished.")
