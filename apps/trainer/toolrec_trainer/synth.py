"""A small synthetic preference dataset in the export format, for GPU checks and tests
when no `toolrec dataset export` is at hand. Prompts follow packages/core/src/prompt.ts
(template toolrec-dialogue-v1); completions are K suggestions, one per line; weights take
the shapes Eq. 9 gives them (user side around 1, tool-invoking clicks up to (1+gamma),
tool-invoking non-clicks 0 under DYNAMIC)."""

from __future__ import annotations

import math
import random
from pathlib import Path
from typing import List, Tuple, Union

from .data import PreferenceRow, write_export

INSTRUCTION = (
    "You recommend follow-up queries for an on-device assistant. Read the conversation and "
    "suggest the queries the user is most likely to tap next, one per line. Prefer a query "
    "that invokes a device tool when one fits the conversation."
)

# (topic, a user query, an assistant response, tool-invoking suggestions)
TOPICS: List[Tuple[str, str, str, List[str]]] = [
    ("audio", "My speaker sounds muffled after the rain", "Water in the speaker grille can muffle sound; it usually clears as it dries.", ["Clean the speaker", "Turn up the media volume", "Open sound settings"]),
    ("battery", "Why is my battery draining so fast today?", "Background apps and a bright screen are the usual causes.", ["Turn on battery saver", "Show battery usage", "Lower the screen brightness"]),
    ("storage", "The phone says storage is almost full", "Cached files and large videos often take the most space.", ["Clear the cache", "Show storage usage", "Delete duplicate photos"]),
    ("network", "Wi-Fi keeps dropping in the bedroom", "Distance from the router and interference can cause drops.", ["Restart Wi-Fi", "Turn on Wi-Fi assistant", "Show network speed"]),
    ("alarm", "I have an early flight tomorrow", "Safe travels! Leave extra time for security.", ["Set an alarm for 5 am", "Turn on do not disturb tonight", "Show tomorrow's weather"]),
    ("display", "My eyes hurt reading at night", "Blue light and high brightness can strain your eyes at night.", ["Turn on eye comfort mode", "Turn on dark mode", "Lower the screen brightness"]),
    ("bluetooth", "My earbuds won't connect", "Try putting them back in the case and opening it again.", ["Turn on Bluetooth", "Show paired devices", "Forget the earbuds and pair again"]),
    ("camera", "How do I take better photos of the moon?", "Use a tripod, zoom in and lower the exposure.", ["Open the camera in pro mode", "Turn on night mode", "Set a 3 second timer"]),
    ("security", "Someone tried to unlock my phone", "You can review unlock attempts and tighten the lock settings.", ["Change the lock screen password", "Turn on find my phone", "Show security check"]),
    ("focus", "I need to concentrate on my exam prep", "A quiet block of time without notifications helps.", ["Turn on focus mode for 2 hours", "Mute notifications", "Start a 25 minute timer"]),
]

CHITCHAT = [
    "Tell me a joke", "What is the meaning of life?", "Who won the game last night?", "Recommend a movie",
    "How tall is Mount Everest?", "Write a poem about autumn", "What should I eat for dinner?", "Tell me a fun fact",
    "How do I say thank you in Japanese?", "What's trending today?",
]

HISTORY = [
    ("User", "Good morning"), ("Assistant", "Good morning! How can I help?"),
    ("User", "What's on my calendar?"), ("Assistant", "You have two meetings this afternoon."),
]


def render_prompt(history: List[Tuple[str, str]], query: str, response: str) -> str:
    lines = [INSTRUCTION, "", "### Conversation"]
    lines += [f"{role}: {text}" for role, text in history]
    lines += [f"User: {query}", f"Assistant: {response}", "", "### Suggested queries", ""]
    return "\n".join(lines)


def synth_rows(n: int, seed: int = 0, k: int = 4, alpha: float = 0.25, gamma: float = 1.25, kexp: float = 3.0) -> List[PreferenceRow]:
    """n rows; desirable rows lean to tool-invoking suggestions that fit the topic."""
    rng = random.Random(seed)
    rows: List[PreferenceRow] = []
    for _ in range(n):
        topic, query, response, tools = TOPICS[rng.randrange(len(TOPICS))]
        history = HISTORY[: 2 * rng.randrange(3)]
        n_tools = rng.randint(0, min(k, len(tools)))
        suggestions = rng.sample(tools, n_tools) + rng.sample(CHITCHAT, k - n_tools)
        rng.shuffle(suggestions)
        # Clicks are likelier with more fitting tool suggestions.
        desirable = rng.random() < 0.15 + 0.2 * n_tools
        uctr = rng.uniform(0.0, 0.2)
        t = math.tanh((uctr - 0.07) / 0.05)
        w_u = 1 - alpha * t if desirable else 1 + alpha * t
        p = rng.random()
        if n_tools > 0 and desirable:
            weight = max(w_u, (1 + gamma) ** (p**kexp))  # Eq. 7 DYNAMIC, Eq. 9 max
        elif n_tools > 0:
            weight = min(w_u, 0.0)  # undesirable and tool-invoking: w_s = 0, Eq. 9 min
        else:
            weight = w_u
        rows.append(PreferenceRow(render_prompt(history, query, response), "\n".join(suggestions), desirable, round(weight, 6)))
    return rows


def write_synth(out_dir: Union[str, Path], n: int = 512, seed: int = 0, fmt: str = "jsonl") -> Tuple[Path, Path]:
    rows = synth_rows(n, seed=seed)
    return write_export(
        out_dir, rows, dataset_id="synth", name=f"synthetic ({n} rows, seed {seed})", fmt=fmt,
        config={"synthetic": True, "seed": seed, "alpha": 0.25, "gamma": 1.25, "k": 3, "systemSide": "DYNAMIC", "userSide": True},
        created_by="toolrec_trainer synth-data",
    )
