"""The sample site in content/ stays the reference profile, record for record.

The expectations below are literal facts copied from the reference page
(seed/profile.txt and seed/links.md); the test reads only the repository's own
content files, so an accidental edit of the sample (a retyped title, a dropped
author, a "fixed" LaTeX fragment in an abstract) fails here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PAPERS = ROOT / "content" / "papers"
AUTHOR = ROOT / "content" / "authors" / "kaile-wang.yaml"


@dataclass(frozen=True)
class Expected:
    """One card of the reference profile."""

    slug: str
    title: str
    authors: tuple[str, ...]  # the three names the profile shows; "et al." follows
    date: date
    category: str
    score: float | None
    links: dict[str, str]
    first_words: str
    last_words: str
    words: int  # whitespace-separated words in the abstract


# In the reference page's order.
REFERENCE: tuple[Expected, ...] = (
    Expected(
        slug="debate-with-images",
        title=(
            "Debate with Images: Detecting Deceptive Behaviors in Multimodal Large Language Models"
        ),
        authors=("Sitong Fang", "Shiyi Hou", "Kaile Wang"),
        date=date(2026, 5, 27),
        category="cs.AI",
        score=96.9,
        links={},
        first_words="Are frontier AI systems becoming more capable? Certainly.",
        last_words="by 1.5x and accuracy by 1.25x on GPT-4o.",
        words=245,
    ),
    Expected(
        slug="ai-alignment-survey",
        title="AI Alignment: A Comprehensive Survey",
        authors=("Jiaming Ji", "Tianyi Qiu", "Boyuan Chen"),
        date=date(2023, 10, 30),
        category="cs.AI",
        score=None,
        links={},
        first_words="AI alignment aims to make AI systems behave",
        last_words="collections of papers, blog posts, and other resources.",
        words=170,
    ),
    Expected(
        slug="align-anything",
        title=(
            "Align Anything: Training All-Modality Models to Follow Instructions with "
            "Language Feedback"
        ),
        authors=("Jiaming Ji", "Jiayi Zhou", "Hantao Lou"),
        date=date(2024, 12, 20),
        category="cs.AI",
        score=None,
        links={"code": "https://github.com/PKU-Alignment/align-anything"},
        first_words="Reinforcement learning from human feedback (RLHF) has proven",
        last_words=(
            "community. For more details, please refer to "
            "https://github.com/PKU-Alignment/align-anything."
        ),
        words=244,
    ),
    Expected(
        slug="safe-rlhf-v",
        title="Safe RLHF-V: Safe Reinforcement Learning from Multi-modal Human Feedback",
        authors=("Jiaming Ji", "Xinyu Chen", "Rui Pan"),
        date=date(2025, 3, 22),
        category="cs.LG",
        score=None,
        links={"code": "https://github.com/saferlhf-v/saferlhf-v"},
        first_words="Multimodal large language models (MLLMs) are essential for",
        last_words="model safety by 34.2% and helpfulness by 34.3%.",
        words=225,
    ),
    Expected(
        slug="fedrd",
        title=(
            "FedRD: Reducing Divergences for Generalized Federated Learning via "
            "Heterogeneity-aware Parameter Guidance"
        ),
        authors=("Kaile Wang", "Jiannong Cao", "Yu Yang"),
        date=date(2026, 1, 28),
        category="cs.LG",
        score=None,
        links={},
        first_words="Heterogeneous federated learning (HFL) aims to ensure effective",
        last_words="over competing baselines in addressing this specific problem.",
        words=126,
    ),
    Expected(
        slug="intermt",
        title="InterMT: Multi-Turn Interleaved Preference Alignment with Human Feedback",
        authors=("Boyuan Chen", "Donghai Hong", "Jiaming Ji"),
        date=date(2025, 5, 29),
        category="cs.AI",
        score=None,
        links={"project": "https://pku-intermt.github.io"},
        first_words="As multimodal large models (MLLMs) continue to advance",
        last_words="project website can be found at https://pku-intermt.github.io .",
        words=250,
    ),
    Expected(
        slug="pku-saferlhf",
        title="PKU-SafeRLHF: Towards Multi-Level Safety Alignment for LLMs with Human Preference",
        authors=("Jiaming Ji", "Donghai Hong", "Borong Zhang"),
        date=date(2024, 6, 20),
        category="cs.AI",
        score=None,
        links={"data": "https://huggingface.co/datasets/PKU-Alignment/PKU-SafeRLHF"},
        first_words="In this study, we introduce the safety human",
        last_words=(
            "deployment of LLMs. Data is available at "
            "https://huggingface.co/datasets/PKU-Alignment/PKU-SafeRLHF."
        ),
        words=155,
    ),
    Expected(
        slug="mitigating-deceptive-alignment",
        title="Mitigating Deceptive Alignment via Self-Monitoring",
        authors=("Jiaming Ji", "Wenqi Chen", "Kaile Wang"),
        date=date(2025, 5, 24),
        category="cs.AI",
        score=None,
        links={},
        first_words="Modern large language models rely on chain-of-thought (CoT)",
        last_words="Our project website can be found at cot-monitor-plus.github.io",
        words=207,
    ),
    Expected(
        slug="reward-generalization-rlhf",
        title="Reward Generalization in RLHF: A Topological Perspective",
        authors=("Tianyi Qiu", "Fanzhi Zeng", "Jiaming Ji"),
        date=date(2024, 2, 15),
        category="cs.LG",
        score=None,
        links={},
        first_words="Existing alignment methods share a common topology of",
        last_words="while reducing the amount of data requiring annotation.",
        words=203,
    ),
    Expected(
        slug="stream-aligner",
        title="Stream Aligner: Efficient Sentence-Level Alignment via Distribution Induction",
        authors=("Hantao Lou", "Jiaming Ji", "Kaile Wang"),
        date=date(2025, 1, 9),
        category="cs.CL",
        score=None,
        links={},
        first_words="The rapid advancement of large language models (LLMs)",
        last_words="the math ability of the tested Llama3-70B-Instruct model.",
        words=199,
    ),
    Expected(
        slug="fedcca",
        title=(
            "FedCCA: Client-Centric Adaptation against Data Heterogeneity in Federated "
            "Learning on IoT Devices"
        ),
        authors=("Kaile Wang", "Jiannong Cao", "Yu Yang"),
        date=date(2026, 1, 25),
        category="cs.LG",
        score=None,
        links={},
        first_words="With the rapid development of the Internet of",
        last_words="over competing baselines in addressing this specific problem.",
        words=176,
    ),
    Expected(
        slug="ai-deception",
        title="AI Deception: Risks, Dynamics, and Controls",
        authors=("Boyuan Chen", "Sitong Fang", "Jiaming Ji"),
        date=date(2025, 11, 27),
        category="cs.AI",
        score=None,
        links={},
        first_words="As intelligence increases, so does its shadow. AI",
        last_words="area, we release a living resource at www.deceptionsurvey.com.",
        words=250,
    ),
    Expected(
        slug="fedali",
        title=(
            "FedAli: Personalized Federated Learning Alignment with Prototype Layers for "
            "Generalized Mobile Services"
        ),
        authors=("Sannara Ek", "Kaile Wang", "François Portet"),
        date=date(2024, 11, 15),
        category="cs.LG",
        score=None,
        links={},
        first_words="Personalized Federated Learning (PFL) enables distributed training on",
        last_words=(
            "generalization while preserving strong personalization in heterogeneous settings."
        ),
        words=172,
    ),
    Expected(
        slug="language-models-resist-alignment",
        title="Language Models Resist Alignment: Evidence From Data Compression",
        authors=("Jiaming Ji", "Kaile Wang", "Tianyi Qiu"),
        date=date(2024, 6, 10),
        category="cs.CL",
        score=None,
        links={},
        first_words="Large language models (LLMs) may exhibit unintended or",
        last_words="model weight and code are available at pku-lm-resist-alignment.github.io.",
        words=200,
    ),
)

# Fragments a well-meaning edit (or an escaping tool) would be likely to change.
VERBATIM_FRAGMENTS = {
    "safe-rlhf-v": [r"$\mathbf{(I)}$ BeaverTails-V", r"$\mathbf{(II)}$", r"$\mathbf{(III)}$"],
    "reward-generalization-rlhf": [r"$Θ(\log n/\log\log n)$ times", "where $n$ is"],
    "intermt": [r"the utility of \InterMT through", "InterMT -- the first"],
    "align-anything": ["human intentions -- such as", "framework -- eval-anything."],
    "debate-with-images": ["Cohen's kappa by 1.5x"],
    "language-models-resist-alignment": [r"the $\mathbf{elasticity}$ of post-"],
}


def read_paper(slug: str) -> tuple[dict[str, Any], str]:
    """Split a paper file into its front matter (safe-loaded) and its Markdown body."""
    text = (PAPERS / f"{slug}.md").read_text(encoding="utf-8")
    opening, front, body = text.split("---\n", 2)
    assert opening == "", f"{slug}.md must start with a '---' line"
    meta = yaml.safe_load(front)
    assert isinstance(meta, dict)
    return meta, body


def test_the_sample_has_exactly_the_reference_papers() -> None:
    on_disk = sorted(p.name for p in PAPERS.iterdir())
    assert on_disk == sorted(f"{e.slug}.md" for e in REFERENCE)
    assert len(on_disk) == 14


@pytest.mark.parametrize("expected", REFERENCE, ids=lambda e: e.slug)
def test_paper_front_matter_matches_the_reference(expected: Expected) -> None:
    meta, _ = read_paper(expected.slug)
    assert meta["title"] == expected.title
    assert meta["authors"] == [*expected.authors, "et al."]
    assert meta["date"] == expected.date
    assert meta["category"] == expected.category
    assert meta.get("score") == expected.score
    assert meta.get("links", {}) == expected.links
    # Nothing beyond what the reference shows (no invented venue, citations, ...).
    allowed = ["title", "authors", "date", "category", "score", "links"]
    assert list(meta) == [key for key in allowed if key in meta]


@pytest.mark.parametrize("expected", REFERENCE, ids=lambda e: e.slug)
def test_paper_body_is_the_reference_abstract(expected: Expected) -> None:
    _, body = read_paper(expected.slug)
    abstract = body.strip()
    # One paragraph, as on the profile: the words are kept, not reflowed.
    assert "\n" not in abstract
    assert abstract.startswith(expected.first_words)
    assert abstract.endswith(expected.last_words)
    assert len(abstract.split()) == expected.words
    for fragment in VERBATIM_FRAGMENTS.get(expected.slug, []):
        assert fragment in abstract


def test_only_debate_with_images_carries_a_score() -> None:
    scored = [e.slug for e in REFERENCE if read_paper(e.slug)[0].get("score") is not None]
    assert scored == ["debate-with-images"]


def test_author_declares_the_reference_metrics() -> None:
    author = yaml.safe_load(AUTHOR.read_text(encoding="utf-8"))
    assert author["name"] == "Kaile Wang"
    assert author["field"] == "AI"
    assert author["metrics"] == {"h_index": 24, "citations": 682, "novelty": 0.47, "score": 57}
    assert author["metrics_source"]
    # The profile shows no affiliation or links; none may be invented.
    assert "affiliation" not in author
    assert "links" not in author


def test_site_renders_the_reference_profile() -> None:
    site = yaml.safe_load((ROOT / "site.yaml").read_text(encoding="utf-8"))
    assert site["main_author"] == "kaile-wang"
    assert site["build_date"] == date(2026, 11, 28)
    assert site["metrics"] == ["h_index", "papers", "citations", "novelty", "score"]
    assert site["authors_shown"] == 3
