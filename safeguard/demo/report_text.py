# ruff: noqa: E501 (prose, one paragraph per line)
"""The demo partnership's words for its 2017-18 yearly report: the officer's narrative sections
and the partners' answers to the contribution questions. They paraphrase the seed report; no
figure is typed in here (the report computes its figures, or quotes submitted values)."""

from safeguard.demo.calibration import COUNCIL

NARRATIVE = {
    "foreword": """This report meets the board's statutory duty to summarise the work of its partner agencies and, above all, to say how well children in the borough are safeguarded.

It is the last report of the board in its present form. The Children and Social Work Act 2017 replaces local safeguarding children boards with arrangements led by three safeguarding partners: the local authority, the clinical commissioning group and the police.

OFSTED inspected the council's children's services in April 2018 and judged them **good**, with outstanding leadership. Safeguarding is a partnership business, and that judgement reflects the work of every agency in this report.

My thanks go to everyone who looks after and protects our children, whether as a leader, a front-line worker or a volunteer. Your work often goes unseen, but it is the most vital work there is.""",
    "governance": """The LSCB brings together statutory and voluntary partners: health, education, children's services, the police, probation, the YOS and the voluntary sector.

Its role is to co-ordinate what partners do locally to protect and promote the welfare of children, and to check that those arrangements work. Safeguarding means:

- protecting children from abuse and maltreatment;
- preventing harm to children's health or development;
- making sure children grow up in a safe and caring environment;
- acting so that every child has the best possible outcomes.""",
    "future-arrangements": """The Children and Social Work Act 2017 abolishes local safeguarding children boards, creates a national Child Safeguarding Practice Review Panel in place of serious case reviews, and changes how child deaths are reviewed.

The safeguarding partners must publish their local arrangements, provide for independent scrutiny of them, and report at least once every 12 months on what they have done and how effective it has been. This report, generated from the partnership's own records, is the first step towards that duty.""",
    "structure": """The board is supported by its business unit and by sub-groups for performance and quality assurance, learning and development, and case review. Task and finish groups are set up for a purpose and close when it is met.""",
    "task-and-finish": """## Risk and vulnerability
The group mapped how partners identify and respond to young people at risk of exploitation, going missing and serious youth violence, and proposed the multi-agency VYPRMG that now meets monthly.

## Harmful sexual behaviour
The group reviewed the pathway for children who display harmful sexual behaviour and agreed a shared assessment approach with schools and CAMHS.""",
    "partners": """The board's members come from the council's children's services, the CCG, the MPS, CNWL, THH, the YOS, probation, schools and the voluntary sector. It links with the SAB, the community safety partnership and the health and wellbeing board, so that shared priorities such as domestic abuse and exploitation are tackled once, together.""",
    "demographics": """The health and wellbeing of children in the borough is mixed compared with England as a whole. The figures below were entered by the partnership, each with its source.""",
    "performance": """Each figure below is computed from the council's statutory returns, and compared with the year before.""",
    "mash": """The MASH is the borough's front door for safeguarding concerns. Partners send notifications; the MASH gathers what agencies know, decides the threshold and passes each child on to the right help.""",
    "audits": """## Joint midwifery and children's services audit
The audit looked at unborn babies referred during pregnancy and found timely information sharing, with a need for earlier pre-birth planning.

## Joint UKBF and children's services audit
The audit examined children arriving through the airport and confirmed that referrals were made and followed up promptly.

## Multi-agency neglect audit
Partners audited cases of neglect together and agreed to adopt a shared neglect assessment tool.

## MASH review
A multi-agency review of the MASH examined its processes, thresholds and outcomes, and led to clearer recording of consent.""",
    "training": """The board's multi-agency training programme is open to every partner agency and to the voluntary sector. The table below is computed from the bookings and attendance Safeguard records; the impact measures come from delegates' evaluations before and after each course.""",
    "achievements": """Each partner agency answered the board's four contribution questions. Their answers follow as approved.""",
    "child-deaths": """The CDOP reviews the death of every child who lived in the borough, to learn lessons that may prevent future deaths. In the year it held a masterclass on sepsis after it noted sepsis as a factor in a small number of deaths.""",
    "serious-case-reviews": """The board published a briefing for practitioners and managers on learning from Operation Baker, a police investigation into the sexual exploitation of young people. Its lessons on information sharing and professional curiosity were built into the training programme.""",
    "priorities": """The board's priorities for the next two years are:

1. Children at risk of exploitation, going missing and serious youth violence.
2. Neglect, and the early help that prevents it.
3. Domestic abuse and its impact on children.
4. A smooth move to the new safeguarding arrangements.""",
    "good-news": """Young people from the Children in Care Council helped to shape the training on the voice of the child, and partners report that the MASH's feedback to referrers is quicker and clearer than before.""",
    "glossary": "",
    "budget": """The partnership's income and outgoings for the year. Training revenue is computed from the training invoices; the other lines come from the finance officer's budget summary.""",
    "questions": "",
    "definitions": """For each figure in this report: what it counts, and how it was obtained.""",
}

# The partner agencies the seed names in its section 10, with their answers to the four
# contribution questions.
CONTRIBUTIONS = {
    "London Borough of Hillingdon - Children's Services": (
        "OFSTED judged children's services **good**, with outstanding leadership. Partners understand thresholds, and decisions in the MASH are timely with good management oversight.",
        "- The OFSTED inspection of children's services\n- Monthly audits of case files by managers\n- The multi-agency MASH review",
        "We will strengthen our response to exploitation through the VYPRMG, and keep children in stable placements so that they move only when they must.",
        "Young people in care told inspectors that their social workers know them well and help them to be heard.",
    ),
    "Hillingdon Clinical Commissioning Group": (
        "Safeguarding is embedded across the health economy: every provider trust has systems for safeguarding supervision, and GP practices have safeguarding leads.",
        "Through quarterly assurance reports from provider trusts, the safeguarding health outcomes framework, and audits of GP practice.",
        "We will prepare for the new safeguarding arrangements with the local authority and the police, and bring in the national changes to child death reviews.",
        "We set up a forum for safeguarding GP leads, which practices say has made it easier to raise concerns early.",
    ),
    "Metropolitan Police Service": (
        "Investigations are supervised regularly, and the more serious ones are reviewed at senior level; crimes of risk are discussed at daily meetings.",
        "Through the supervision of investigations, reviews by the CASO command and our contribution to partnership audits.",
        "We will keep safeguarding a top priority through the reorganisation of our local policing, and continue joint work on exploitation with the council.",
        "Officers in the CAIT worked with partners on Operation Baker, which protected young people from sexual exploitation.",
    ),
    "Central & North West London NHS Foundation Trust": (
        "Health visitors and school nurses receive one-to-one safeguarding supervision at least every twelve weeks, and compliance is consistently high.",
        "We audited safeguarding supervision and the quality of records for children on child protection plans; both met the practice standards.",
        "We will fully implement safeguarding supervision in adult services and keep sharing learning from reviews across our services.",
        "CNWL is represented at MARAC and MASE meetings, so that health professionals can work directly with the young people discussed.",
    ),
    "The Hillingdon Hospital NHS Foundation Trust": (
        "Staff awareness of safeguarding has grown, with safeguarding champions in every clinical area.",
        "Through training compliance, audits of the emergency department's referrals, and feedback from the MASH.",
        "We will improve how the emergency department identifies young people at risk of exploitation.",
        "The midwifery team's work with the MASH on unborn babies was praised in the joint audit.",
    ),
    "London Borough of Hillingdon - Youth Offending Service": (
        "Practice is improving: every case has a risk and safety plan, reviewed with partners.",
        "Through case audits, a peer review and the oversight of the YOS management board.",
        "We will develop the AXIS project further, to identify young people at risk of serious youth violence, exploitation and going missing.",
        "Since it began, AXIS has helped lead professionals to plan support for young people who had no one else working with them.",
    ),
    "London Borough of Hillingdon - Early Intervention & Prevention Service": (
        "Families receive early help sooner, and key work cases are scrutinised monthly in supervision.",
        "Through monthly case scrutiny, audits of early help assessments and families' feedback.",
        "We will keep working with schools on attendance, and widen our part in MARAC, MASE and the panels on serious youth violence.",
        "Key workers trained in Prevent and in AXIS now share what they learn with school colleagues at attendance network events.",
    ),
    "Health Watch Hillingdon": (
        "We hear from children, young people and families about the services they use, and pass on what they tell us.",
        "Through our engagement events, our enter-and-view visits and the stories people share with us.",
        "We will run more engagement with young people on mental health services.",
        "Young people told us that they value being asked, and several have joined our volunteer team.",
    ),
}

# (code, name, definition, unit, theme, owner) for figures partners submit.
SUBMITTED = (
    (
        "LADO_REFERRALS",
        "Referrals to the LADO",
        "Allegations against people who work or volunteer with children, referred to the Local Authority Designated Officer in the period.",
        "count",
        "allegations",
        COUNCIL,
    ),
    (
        "AXIS_COHORT",
        "Young people identified by the AXIS project",
        "Young people the AXIS project has identified as vulnerable to serious youth violence, sexual exploitation or going missing.",
        "count",
        "exploitation",
        COUNCIL,
    ),
    (
        "PREVENT_WRAP_TRAINED",
        "Staff trained in Prevent (WRAP)",
        "Staff who have received the Home Office's Workshop to Raise Awareness of Prevent, delivered by the local authority, since it began.",
        "count",
        "training",
        COUNCIL,
    ),
    (
        "MARAC_CASES",
        "Cases heard at MARAC",
        "Domestic abuse cases heard at the Multi-Agency Risk Assessment Conference in the period.",
        "count",
        "exploitation",
        "Metropolitan Police Service",
    ),
    (
        "CDOP_NOTIFICATIONS",
        "Child deaths notified to the CDOP",
        "Deaths of children resident in the area notified to the Child Death Overview Panel in the period.",
        "count",
        "deaths",
        "Hillingdon Clinical Commissioning Group",
    ),
    (
        "SUPERVISION_CNWL",
        "Safeguarding supervision compliance (CNWL)",
        "Of health visitors and school nurses due safeguarding supervision in the period, those who had it.",
        "percent",
        "training",
        "Central & North West London NHS Foundation Trust",
    ),
)

# The managed list the glossary draws from (the seed's appendix 1, and the acronyms the text
# above uses).
ACRONYMS = (
    (
        "AXIS",
        "The council's project to identify young people at risk of serious youth violence, exploitation and going missing",
    ),
    ("CAIT", "Child Abuse Investigation Team"),
    ("CAMHS", "Child and Adolescent Mental Health Service"),
    ("CASO", "Child Abuse and Sexual Offences Command"),
    ("CCG", "Clinical Commissioning Group"),
    ("CDOP", "Child Death Overview Panel"),
    ("CNWL", "Central and North West London NHS Foundation Trust"),
    ("CSE", "Child Sexual Exploitation"),
    ("GP", "General Practitioner"),
    ("JSNA", "Joint Strategic Needs Assessment"),
    ("LSCB", "Local Safeguarding Children Board"),
    ("MARAC", "Multi-Agency Risk Assessment Conference"),
    ("MASE", "Multi-Agency Sexual Exploitation panel"),
    ("MASH", "Multi-Agency Safeguarding Hub"),
    ("MPS", "Metropolitan Police Service"),
    ("NHS", "National Health Service"),
    ("OFSTED", "Office for Standards in Education, Children's Services and Skills"),
    ("SAB", "Safeguarding Adults Board"),
    ("THH", "The Hillingdon Hospital NHS Foundation Trust"),
    ("UK", "United Kingdom"),
    ("UKBF", "United Kingdom Border Force"),
    ("VYPRMG", "Vulnerable Young People Risk Management Group"),
    ("YOS", "Youth Offending Service"),
)
