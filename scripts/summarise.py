"""Print a short human-readable summary of `cronica extract` output (JSON list or JSONL)."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def load(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8").strip()
    if text.startswith("["):
        return json.loads(text)
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def main(path: str) -> int:
    for result in load(Path(path)):
        if "rejected" in result:
            print("rejected:", result["rejected"]["reason"])
            continue
        art = result["article"]
        print(f"{art['id']} ({art['lang']}, {art['date']}): {len(result['events'])} events")
        for e in result["events"]:
            actor = (e.get("actor") or {}).get("code") or "-"
            recipient = (e.get("recipient") or {}).get("code") or "-"
            aux = f" [{e['aux_mode']}]" if e.get("aux_mode") else ""
            src = f" via {', '.join(e['reported_by'])}" if e.get("reported_by") else ""
            print(f"  {e['date'] or '?':10} {e['event']:9} {actor:>8} -> {recipient:<8}{aux}"
                  f"  «{e['trigger']['text']}»{src}")
        for q in result.get("quotes", []):
            who = (q.get("speaker") or {}).get("text") or "?"
            print(f"  quote: {who} [{q['cue']['text']}] {q['content']['text'][:70]}…")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
