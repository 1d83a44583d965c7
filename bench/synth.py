"""Deterministic synthetic sites for benchmarks and scale tests.

``python -m bench.synth DIR --papers N --authors A [--seed S]`` writes a complete
site folder (``site.yaml``, ``content/authors/*.yaml``, ``content/papers/*.md``) in
the SPEC §2 format. The same arguments always give the same bytes: everything is
drawn from one ``random.Random(seed)`` in a fixed order, and nothing depends on the
clock, the locale or hash randomisation.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


def _words(text: str) -> tuple[str, ...]:
    """A word list written as one string, for readability."""
    return tuple(text.split())


CATEGORIES = (
    ("cs.LG", 30),
    ("cs.AI", 22),
    ("cs.CL", 18),
    ("cs.CV", 12),
    ("stat.ML", 6),
    ("cs.RO", 4),
    ("cs.CR", 3),
    ("cs.IR", 2),
    ("math.OC", 2),
    ("q-bio.NC", 1),
)
VENUES = ("NeurIPS", "ICML", "ICLR", "ACL", "EMNLP", "CVPR", "AAAI", "IJCAI", "TMLR", "JMLR")
FIELDS = ("AI", "Machine Learning", "NLP", "Computer Vision", "Robotics", "Statistics")
POSITIONS = ("PhD student", "Postdoc", "Assistant Professor", "Professor", "Research Scientist")
AFFILIATIONS = (
    "Peking University",
    "ETH Zürich",
    "University of Toronto",
    "MIT CSAIL",
    "Université de Montréal",
    "Tsinghua University",
    "University of Oxford",
    "Carnegie Mellon University",
    "Max Planck Institute for Intelligent Systems",
    "KAIST",
)
FIRST_NAMES = _words(
    "Wei Jing Yuki Sofia Lucas Amara Mateo Priya Chen Elena Omar Hana Ivan Lea Tariq Mei "
    "Jonas Aisha Diego Nora Kenji Fatima Pavel Ines Arjun Zoe Kofi Sara Li Marta Yusuf Ana "
    "Hiro Clara Ravi Ingrid Tomas Leila Min Felix Noor Emil Rosa Dmitri Aiko Kwame Julia "
    "Sven Laila Bruno Yan Nadia Oscar Chiara Malik Ewa Sanjay Freya Hugo Dalia Ming Astrid"
)
LAST_NAMES = _words(
    "Wang Zhang Li Chen Liu Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao "
    "Smith Müller García Rossi Kowalski Novak Tanaka Suzuki Kim Park Nguyen Tran Silva "
    "Santos Ivanova Petrov Jensen Nielsen Andersson Okafor Mensah Haddad Khan Patel Sharma "
    "Gupta Iyer Rahman Cohen Levi Dubois Martin Bernard Schmidt Schneider Fischer Weber "
    "Meyer Wagner Becker Hoffmann Ferrari Esposito Romano Costa Pereira Oliveira Moreau "
    "Laurent O'Brien Murphy Kelly Walsh Byrne Ryan Doyle Lindqvist Virtanen Korhonen"
)
TAGS = _words(
    "alignment safety rlhf interpretability benchmarks evaluation multimodal vision-language "
    "reasoning agents robustness privacy fairness optimization theory generalization "
    "transformers diffusion retrieval graphs reinforcement-learning planning robotics "
    "speech translation summarization datasets efficiency compression federated-learning "
    "causality uncertainty bayesian kernels representation-learning self-supervised"
)
# Content words, roughly in order of how often ML abstracts use them; sampled with a Zipf
# law so that TF-IDF (novelty) sees a realistic mix of common and rare terms.
CORE_WORDS = _words(
    "model models learning data language large training performance method approach task "
    "tasks results network neural propose show existing framework human based new "
    "benchmark evaluation dataset methods systems feedback reasoning alignment safety "
    "policy reward preference agent agents multimodal vision text image images visual "
    "representation representations generalization robustness optimization gradient "
    "loss objective inference efficient scalable state-of-the-art experiments empirical "
    "theoretical analysis study problem problems setting settings baseline baselines "
    "improve improves improvement significantly outperforms accuracy quality diverse "
    "robust adversarial attack attacks defense privacy fairness bias interpretability "
    "explanation features feature layer layers attention transformer transformers "
    "architecture pretraining fine-tuning instruction instructions prompt prompts "
    "generation generative diffusion sampling distribution distributions uncertainty "
    "calibration bayesian posterior prior variational latent space embedding embeddings "
    "retrieval knowledge graph graphs structure structured sequence sequences token tokens "
    "context contexts long-context memory compute budget cost costs scaling laws law "
    "capabilities capability risk risks harmful deceptive deception honest values "
    "intentions oversight monitoring supervision weak strong teacher student distillation "
    "compression quantization pruning sparse sparsity mixture experts routing "
    "reinforcement online offline exploration exploitation environment environments "
    "simulation robot robotic control planning planner trajectories trajectory dynamics "
    "causal causality intervention counterfactual invariance shift shifts domain domains "
    "transfer zero-shot few-shot in-context chain-of-thought verification verifier proof "
    "theorem mathematical code program synthesis execution tool tools api search "
    "ranking recommendation users user interaction dialogue conversation speech audio "
    "video temporal spatial 3d scene segmentation detection recognition classification "
    "regression clustering kernel kernels convex nonconvex convergence rate bounds bound "
    "sample complexity statistical estimator estimation hypothesis test testing "
    "federated decentralized communication protocol secure cryptographic watermark "
    "hallucination factuality truthfulness calibration consistency self-consistency "
    "debate critique red-teaming jailbreak jailbreaks refusal harmlessness helpfulness"
)
GLUE = _words(
    "the of and to in a we that is for on with this our as by are which it from an be "
    "can these their at while both more than not such into also across however its"
)
SYLLABLES = _words(
    "ka ri to mo na sel ver tan dor lin pha gra mi cro neu ro vec tor qua si syn thet lo "
    "gic flu ent par ti cle bal ance co her ent ma trix ker nel spec tral"
)
MARKDOWN_SPANS = ("**{}**", "*{}*", "`{}`", "[{}](https://example.org/{})", "$\\{}$")
GREEK = ("alpha", "beta", "gamma", "epsilon", "lambda", "theta", "sigma")


@dataclass
class Person:
    """A profile author of the synthetic site."""

    slug: str
    name: str
    alias: str | None
    weight: float


@dataclass
class Vocabulary:
    """Words and their cumulative Zipf weights, for fast weighted sampling."""

    words: list[str] = field(default_factory=list)
    cum: list[float] = field(default_factory=list)


def _vocabulary(rng: random.Random, size: int = 4000) -> Vocabulary:
    """Real ML words first, then made-up rare terms, weighted by 1/rank (Zipf)."""
    words = list(dict.fromkeys(CORE_WORDS))
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    cum = list(itertools.accumulate(1.0 / (rank + 8) ** 1.05 for rank in range(len(words))))
    return Vocabulary(words, cum)


def _scalar(text: str) -> str:
    """A YAML scalar: plain when that is unambiguous, else a double-quoted string."""
    plain = re.fullmatch(r"[^\W\d_][\w .,'()/+-]*[\w.)]", text) and ": " not in text
    if plain and text.lower() not in ("yes", "no", "on", "off", "true", "false", "null", "y", "n"):
        return text
    return json.dumps(text, ensure_ascii=False)


def _names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """``count`` distinct full names not in ``taken`` (which is updated)."""
    names: list[str] = []
    while len(names) < count:
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(LAST_NAMES)
        # A middle initial keeps names distinct when a large site exhausts the pairs.
        name = (
            f"{first} {last}"
            if rng.random() < 0.7
            else f"{first} {chr(65 + rng.randrange(26))}. {last}"
        )
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names


def _slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _sentence(rng: random.Random, vocab: Vocabulary, words: int, markdown: bool) -> str:
    """One sentence of ``words`` words, mixing glue and content words."""
    out: list[str] = []
    content = rng.choices(vocab.words, cum_weights=vocab.cum, k=words)
    for word in content:
        out.append(rng.choice(GLUE) if rng.random() < 0.38 else word)
    if markdown and len(out) > 3:
        at = rng.randrange(1, len(out) - 1)
        span = rng.choice(MARKDOWN_SPANS)
        if span.startswith("["):
            out[at] = span.format(out[at], _slugify(out[at]) or "x")
        elif span.startswith("$"):
            out[at] = span.format(rng.choice(GREEK))
        else:
            out[at] = span.format(out[at])
    out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out) + "."


def _abstract(rng: random.Random, vocab: Vocabulary) -> str:
    """150–250 words in 1–3 paragraphs, some sentences with inline Markdown."""
    total = rng.randint(150, 250)
    paragraphs = rng.choice((1, 1, 2, 2, 2, 3))
    sentences: list[str] = []
    remaining = total
    while remaining > 0:
        length = min(remaining, rng.randint(12, 30))
        if remaining - length < 5:
            length = remaining
        sentences.append(_sentence(rng, vocab, length, rng.random() < 0.15))
        remaining -= length
    cuts = sorted(rng.sample(range(1, len(sentences)), min(paragraphs, len(sentences)) - 1))
    bounds = [0, *cuts, len(sentences)]
    return "\n\n".join(" ".join(sentences[a:b]) for a, b in itertools.pairwise(bounds))


def _title(rng: random.Random, vocab: Vocabulary) -> str:
    """8–15 words, often with a short name before a colon, sometimes with LaTeX."""
    count = rng.randint(8, 15)
    words = rng.choices(vocab.words[:600], cum_weights=vocab.cum[:600], k=count)
    words = [w.capitalize() if rng.random() < 0.6 else w for w in words]
    if rng.random() < 0.4:
        head = "".join(w[:1].upper() + w[1:3] for w in words[:2]) + rng.choice(("", "-Bench", "++"))
        words = [f"{head}:", *words[1:]]
    if rng.random() < 0.05:
        words.insert(rng.randrange(1, len(words)), f"$\\{rng.choice(GREEK)}$")
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _date(rng: random.Random) -> str:
    """A date in 2010–2026 (up to October 2026, before the site's build date)."""
    year = rng.randint(2010, 2026)
    month = rng.randint(1, 10 if year == 2026 else 12)
    if rng.random() < 0.05:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{rng.randint(1, 28):02d}"


def _citations(rng: random.Random, year: int) -> int:
    """Heavy-tailed: most papers few, a handful thousands (Pareto, older cite more)."""
    age = max(0.5, 2026.5 - year)
    value = (rng.paretovariate(1.1) - 1.0) * age * 3.0
    return min(int(value), 50_000)


def _author_record(rng: random.Random, person: Person) -> tuple[str, tuple[int, int] | None]:
    """The YAML of one profile author, but for its declared metrics: for one in five, the
    amounts by which they exceed what the site's papers give (see :func:`_declared`)."""
    lines = [f"name: {_scalar(person.name)}"]
    if person.alias:
        lines.append(f"aliases: [{_scalar(person.alias)}]")
    lines.append(f"field: {_scalar(rng.choice(FIELDS))}")
    lines.append(f"affiliation: {_scalar(rng.choice(AFFILIATIONS))}")
    lines.append(f"position: {_scalar(rng.choice(POSITIONS))}")
    lines.append(f"email: {person.slug}@example.org")
    lines.append("links:")
    lines.append(f"  homepage: https://example.org/~{person.slug}/")
    if rng.random() < 0.7:
        lines.append(f"  scholar: https://scholar.google.com/citations?user={person.slug[:12]}")
    if rng.random() < 0.4:
        lines.append(f"  github: https://github.com/{person.slug}")
    lines.append("bio: |")
    lines.append(
        f"  {person.name.split()[0]} works on *{rng.choice(TAGS)}* and "
        f"**{rng.choice(TAGS)}** at {rng.choice(AFFILIATIONS)}."
    )
    extra = (rng.randint(3, 60), rng.randint(100, 20000)) if rng.random() < 0.2 else None
    return "\n".join(lines) + "\n", extra


def _declared(extra: tuple[int, int], citations: Sequence[int]) -> str:
    """Declared metrics as a Google Scholar profile gives them: its papers are the site's
    and more, so its h-index and citations are at least what the site's papers give."""
    counts = sorted(citations, reverse=True)
    h_index = sum(1 for rank, count in enumerate(counts, 1) if count >= rank)
    return (
        "metrics:\n"
        f"  h_index: {max(h_index, extra[0])}\n"
        f"  citations: {sum(counts) + extra[1]}\n"
        "metrics_source: Google Scholar, 2026-10\n"
    )


def _paper_record(
    rng: random.Random,
    vocab: Vocabulary,
    people: Sequence[Person],
    cum: Sequence[float],
    coauthors: Sequence[str],
    arxiv_ids: set[str],
) -> tuple[str, str, list[Person], int]:
    """The title-derived stem and the Markdown text of one paper, its profile authors and
    its citations. ``arxiv_ids``: those given so far, as no two papers share one (two
    records of one arXiv id are one paper listed twice, which the build refuses)."""
    title = _title(rng, vocab)
    date = _date(rng)
    n_authors = rng.randint(2, 12)
    n_profile = min(rng.randint(1, 4), n_authors, len(people))
    chosen: list[Person] = []
    while len(chosen) < n_profile:
        person = rng.choices(people, cum_weights=cum, k=1)[0]
        if person not in chosen:
            chosen.append(person)
    names = [p.alias if p.alias and rng.random() < 0.3 else p.name for p in chosen]
    others = list(dict.fromkeys(rng.choices(coauthors, k=n_authors - n_profile)))
    names.extend(others)
    # Profile authors sit anywhere in the list, not only first.
    rng.shuffle(names)
    truncated = len(names) > 3 and rng.random() < 0.05
    if truncated:
        # Keep every profile author among the names that remain listed.
        keep = [n for n in names if n in {p.name for p in chosen} or n in {p.alias for p in chosen}]
        rest = [n for n in names if n not in keep]
        names = (keep + rest)[: max(3, len(keep))]
    lines = ["---", f"title: {_scalar(title)}", "authors:"]
    lines.extend(f"  - {_scalar(n)}" for n in names)
    if truncated:
        lines.append("  - et al.")
    lines.append(f"date: {date}")
    category = rng.choices([c for c, _ in CATEGORIES], [w for _, w in CATEGORIES])[0]
    lines.append(f"category: {category}")
    if rng.random() < 0.6:
        lines.append(f"venue: {rng.choice(VENUES)} {date[:4]}")
    citations = _citations(rng, int(date[:4]))
    lines.append(f"citations: {citations}")
    if rng.random() < 0.3:
        lines.append(f"score: {rng.uniform(20, 99.9):.1f}")
    links: list[str] = []
    if rng.random() < 0.4:
        links.append(
            f"  code: https://github.com/{_slugify(names[0])}/{_slugify(title)[:24].strip('-')}"
        )
    if rng.random() < 0.5:
        number = rng.randint(1, 29999)
        while (arxiv := f"{date[2:4]}{date[5:7]}.{number:05d}") in arxiv_ids:
            number = number % 99999 + 1  # the next free one: the same draws as before
        arxiv_ids.add(arxiv)
        links.append(f'  arxiv: "{arxiv}"')
    if links:
        lines.append("links:")
        lines.extend(links)
    tags = rng.sample(TAGS, rng.randint(1, 5))
    lines.append(f"tags: [{', '.join(tags)}]")
    if rng.random() < 0.02:
        lines.append("featured: true")
    lines.append("---")
    lines.append("")
    lines.append(_abstract(rng, vocab))
    stem = "-".join(_slugify(title).split("-")[:6])
    return stem, "\n".join(lines) + "\n", chosen, citations


def generate(root: Path, papers: int, authors: int, seed: int = 1) -> None:
    """Write a synthetic site with ``papers`` papers and ``authors`` profile authors."""
    if authors < 1 or papers < 0:
        raise ValueError("need at least one author and a non-negative number of papers")
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    taken: set[str] = set()
    people: list[Person] = []
    for name in _names(rng, authors, taken):
        parts = name.split()
        alias = f"{parts[0][0]}. {parts[-1]}" if rng.random() < 0.15 else None
        if alias in taken:
            alias = None
        if alias:
            taken.add(alias)
        slug = _slugify(name)
        if any(p.slug == slug for p in people):
            slug = f"{slug}-{len(people)}"
        # Heavy-tailed productivity: a few authors are on many papers.
        people.append(Person(slug, name, alias, rng.paretovariate(1.5)))
    cum = list(itertools.accumulate(p.weight for p in people))
    coauthors = _names(rng, max(200, papers * 2), taken)

    authors_dir = root / "content" / "authors"
    papers_dir = root / "content" / "papers"
    authors_dir.mkdir(parents=True, exist_ok=True)
    papers_dir.mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(
        "title: Synthetic Lab\n"
        f"description: A synthetic site of {papers} papers and {authors} authors (seed {seed}).\n"
        "base_url: https://example.org/lab/\n"
        "language: en\n"
        "theme: default\n"
        "build_date: 2026-11-01\n"
        "paper_sort: date\n"
        "metrics: [h_index, papers, citations, novelty, score]\n"
        "authors_shown: 3\n",
        encoding="utf-8",
    )
    records = [_author_record(rng, person) for person in people]
    cited: dict[str, list[int]] = {person.slug: [] for person in people}
    stems: set[str] = set()
    arxiv_ids: set[str] = set()
    for index in range(papers):
        stem, text, chosen, citations = _paper_record(rng, vocab, people, cum, coauthors, arxiv_ids)
        for person in chosen:
            cited[person.slug].append(citations)
        stem = stem or f"paper-{index}"
        if stem in stems:
            stem = f"{stem}-{index}"
        stems.add(stem)
        (papers_dir / f"{stem}.md").write_text(text, encoding="utf-8")
    for person, (text, extra) in zip(people, records, strict=True):
        if extra is not None:
            text += _declared(extra, cited[person.slug])
        (authors_dir / f"{person.slug}.yaml").write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write one synthetic site."""
    parser = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__)
    parser.add_argument("dir", type=Path, help="folder to write the site into (created)")
    parser.add_argument("--papers", type=int, default=1000)
    parser.add_argument("--authors", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.dir.exists() and any(args.dir.iterdir()):
        print(f"{args.dir}: not empty; choose a new folder", file=sys.stderr)
        return 2
    generate(args.dir, args.papers, args.authors, args.seed)
    print(f"wrote {args.papers} papers and {args.authors} authors to {args.dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
