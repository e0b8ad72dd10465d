"""Render the error page of a small example and screenshot it: docs/images/error_page.png.

    python docs/make_images.py                                  # hand-made example rows
    python docs/make_images.py --model data/06_models/tagger --data data/01_raw/test_hidden.txt

Without `--model`, the page shows a few hand-made predictions (in the corpus's style) with one
mistake of most kinds; with `--model` and `--data` (a labelled TSV), the model's own mistakes on
that file. Needs Debian's `chromium` (apt-get install chromium) and a Korean font for the
screenshot (apt-get install fonts-nanum, or fonts-noto-cjk); the page itself needs neither.
Nothing is fetched from the network: chromium resolves no host name.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from joint_nlu.error_page import error_page
from joint_nlu.evaluation import PREDICTION_COLUMNS

DOCS = Path(__file__).resolve().parent
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--force-device-scale-factor=1",
    "--virtual-time-budget=5000",
]

# (gold, predicted: spans in [brackets]; intent, predicted intent, its probability, runner-up)
EXAMPLE = [
    (
        "[자강]의 면적은 얼마 정도되는지 알려줄래",
        "[자강]의 면적은 얼마 정도되는지 알려줄래",
        "area",
        "area",
        0.97,
        "length",
    ),
    (
        "WIKI PEDIA로 [변재일] 생년월일을 알고 싶어",
        "WIKI PEDIA로 [변재일 생]년월일을 알고 싶어",
        "birth_date",
        "birth_date",
        0.93,
        "age",
    ),
    (
        "[남쪽 물고기자리 알파] 나이가 위키백과사전으로 얼마야",
        "남쪽 [물고기자리 알파] 나이가 위키백과사전으로 얼마야",
        "age",
        "age",
        0.88,
        "birth_date",
    ),
    (
        "[삼양터널]의 총 길이 위키백과사전에서 뭐야",
        "[삼양터널]의 총 길이 위키백과사전에서 뭐야",
        "length",
        "length",
        0.95,
        "height",
    ),
    (
        "[코니 윌리스]의 태어난 곳은 뭐지",
        "[코니 윌리스]의 태어난 곳은 뭐지",
        "birth_place",
        "birth_date",
        0.54,
        "birth_place",
    ),
    (
        "WIKI백과사전 검색 [AA12]의 무게가 얼만지 찾아봐",
        "WIKI백과사전 검색 [AA12]의 무게가 얼만지 찾아봐",
        "weight",
        "weight",
        0.96,
        "width",
    ),
    (
        "[송파 헬리오시티] 구조물 높이 위키 피디아에서 뭐야",
        "[송파 헬리오시티 구조물] 높이 위키 피디아에서 뭐야",
        "height",
        "height",
        0.91,
        "length",
    ),
    (
        "검색 [HLKVAM] 언제 출생했는지를 검색해라",
        "검색 HLKVAM 언제 출생했는지를 검색해라",
        "birth_date",
        "age",
        0.47,
        "birth_date",
    ),
    (
        "위키 피디아에 [푸조 508] 전고가 몇이야",
        "[위키 피디아에] 푸조 508 전고가 몇이야",
        "height",
        "height",
        0.82,
        "width",
    ),
    (
        "[트와이스 나연] 나이 알려줘",
        "트와이스 [나연 나이] 알려줘",
        "age",
        "age",
        0.90,
        "birth_date",
    ),
    (
        "[서울역] 시계탑 높이 알려줘",
        "[서울역] [시계탑] 높이 알려줘",
        "height",
        "height",
        0.89,
        "length",
    ),
    (
        "WIKIPEDIA백과로 [라이프] 찾아서 말해줘",
        "WIKIPEDIA백과로 [라이프] 찾아서 말해줘",
        "definition",
        "definition",
        0.98,
        "belong_to",
    ),
]


def example_predictions() -> pd.DataFrame:
    """Return hand-made `predict_rows`-like rows (with top intents) of `EXAMPLE`."""
    records = []
    for line, (gold, predicted, intent, guess, probability, second) in enumerate(EXAMPLE, 1):
        sentence, tags = _tagged(gold)
        predicted_sentence, predicted_tags = _tagged(predicted)
        assert predicted_sentence == sentence, (sentence, predicted_sentence)
        runner_up = second if second != guess else intent
        records.append(
            {
                "source_file": "example.txt",
                "line": line,
                "sentence": sentence,
                "intent": intent,
                "predicted_intent": guess,
                "intent_probability": probability,
                "tags": tags,
                "predicted_tags": predicted_tags,
                "truncated": False,
                "top_intents": [
                    {"intent": guess, "probability": probability},
                    {"intent": runner_up, "probability": round((1 - probability) * 0.8, 3)},
                ],
            }
        )
    return pd.DataFrame(records, columns=[*PREDICTION_COLUMNS, "top_intents"])


def model_predictions(model: str, data: Path, top_k: int = 3) -> pd.DataFrame:
    """Return a model's `predict_rows` output on a labelled TSV, with its top intents."""
    from joint_nlu import Tagger, evaluation
    from joint_nlu.datasets import RawTSVDataset
    from joint_nlu.validation import validate_rows

    tagger = Tagger.load(model)
    rows, _ = validate_rows(
        RawTSVDataset(filepath=str(data)).load(),
        "".join(tagger.tag_vocab.idx_to_token),
        set(tagger.intents),
    )
    predictions = evaluation.predict_rows(tagger, rows)
    predictions["top_intents"] = [
        p["top_intents"] for p in tagger.predict(list(rows["sentence"]), top_k=top_k)
    ]
    return predictions


def screenshot(html: str, out: Path, chromium: str, width: int, height: int) -> Path:
    """Write `html` to a temporary file and save chromium's screenshot of it to `out`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="make_images-") as folder:
        page = Path(folder) / "page.html"
        page.write_text(html, encoding="utf-8")
        result = subprocess.run(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={Path(folder) / 'profile'}",
                f"--window-size={width},{height}",
                f"--screenshot={out.resolve()}",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    if result.returncode != 0 or not out.is_file():
        raise RuntimeError(f"chromium failed ({result.returncode}): {result.stderr[-2000:]}")
    return out


def shrink(png: Path, colors: int) -> Path:
    """Rewrite a screenshot with a palette of `colors` colours (0: leave it as it is)."""
    if colors:
        from PIL import Image  # Pillow, installed with matplotlib

        with Image.open(png) as image:
            # octree keeps the small red and orange areas that median cut merges away
            palette = image.convert("RGB").quantize(
                colors=colors, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
            )
        palette.save(png, optimize=True)
    return png


def main(argv: list[str] | None = None) -> int:
    """Render the page and write the screenshot (and, with --html, the page itself)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model directory or MLflow URI (default: example rows)")
    parser.add_argument("--data", type=Path, help="labelled TSV for --model")
    parser.add_argument("--name", default=None, help="dataset name shown on the page")
    parser.add_argument("--out", type=Path, default=DOCS / "images" / "error_page.png")
    parser.add_argument("--html", type=Path, default=None, help="also save the page here")
    parser.add_argument("--width", type=int, default=1200, help="pixels (default: %(default)s)")
    parser.add_argument("--height", type=int, default=1500, help="pixels (default: %(default)s)")
    parser.add_argument("--max-per-kind", type=int, default=3, help="(default: %(default)s)")
    parser.add_argument(
        "--colors", type=int, default=128, help="PNG palette size, 0 for full colour (%(default)s)"
    )
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    args = parser.parse_args(argv)
    if args.model and not args.data:
        parser.error("--model needs --data (a labelled TSV)")
    if args.model:
        predictions = model_predictions(args.model, args.data)
        name = args.name or args.data.stem
    else:
        predictions, name = example_predictions(), args.name or "example"
    html = error_page(predictions, name, max_per_kind=args.max_per_kind)
    if args.html:
        args.html.write_text(html, encoding="utf-8")
    out = shrink(screenshot(html, args.out, args.chromium, args.width, args.height), args.colors)
    print(f"wrote {out}", file=sys.stderr)
    return 0


def _tagged(marked: str) -> tuple[str, str]:
    """Return (sentence, tags) of a sentence whose entity spans are in [brackets]."""
    sentence, tags, inside = [], [], False
    for char in marked:
        if char in "[]":
            inside = char == "["
        else:
            sentence.append(char)
            tags.append("E" if inside else "C")
    return "".join(sentence), "".join(tags)


if __name__ == "__main__":
    raise SystemExit(main())
