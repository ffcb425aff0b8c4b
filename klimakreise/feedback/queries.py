"""The reads behind the published feedback summary, compiled once per connection (core.prepared).

The summary is part of every uncached visit of a results page: the same five small queries each
time, only the survey differs, and compiling their SQL anew cost more than running them. The
organizers' report (`report.build_report`) counts through the same queries.
"""

from django.db.models import Count

from klimakreise.core.prepared import PreparedQuery
from klimakreise.feedback.models import Answer, Question, Response, Survey

# The edition's survey if organizers published its summary.
published_survey = PreparedQuery(
    lambda edition_id: Survey.objects.filter(edition_id=edition_id, summary_published=True),
    edition_id=int,
)
questions_of = PreparedQuery(
    lambda survey_id: Question.objects.filter(survey_id=survey_id), survey_id=int
)
response_count = PreparedQuery(
    lambda survey_id: (
        Response.objects.filter(survey_id=survey_id).values("survey_id").annotate(n=Count("id"))
    ),
    survey_id=int,
)
# How often each option or scale value was chosen, per question (free texts have no value).
value_counts = PreparedQuery(
    lambda survey_id: (
        Answer.objects.filter(question__survey_id=survey_id)
        .exclude(value="")
        .order_by()
        .values("question_id", "value")
        .annotate(n=Count("id"))
    ),
    survey_id=int,
)
# How many people answered each question.
answered_counts = PreparedQuery(
    lambda survey_id: (
        Answer.objects.filter(question__survey_id=survey_id)
        .order_by()
        .values("question_id")
        .annotate(n=Count("response_id", distinct=True))
    ),
    survey_id=int,
)
