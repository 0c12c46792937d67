"""The stakeholder survey round trip of ODI Activity 6: make a survey, import its answers.

Layered above `workflows` (it reuses the atomic writer) and below `web` and `cli`, which both
offer it. Module by job: `questions` (our wording and the CSV columns), `stakeholders` (whom a
survey is for), `page` (the HTML survey's content; `engine.render.survey_page` draws it),
`making` (the two files of `survey make`), `table` (reading a CSV safely), `responses` (checking
each answer), `aggregate` (several respondents into one stakeholder's answers), `apply` (the
profile edit and its diff) and `importing` (the whole import, as both front ends run it).
"""
