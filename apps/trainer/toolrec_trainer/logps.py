"""log pi(y|x): log-probabilities of the completion tokens given the prompt, summed per row.

The one module both model kinds go through (and the one DistributedDataParallel wraps):
a backbone that returns the last hidden states, and the output head's weight. The head is
applied only at the positions that predict a completion token, so a 150k-token vocabulary
costs [completion tokens x V] instead of [all tokens x V] (prompts are most of a row).
"""

from __future__ import annotations

from typing import Any, Optional

import torch
from torch import nn


def completion_logps(hidden: torch.Tensor, head_weight: torch.Tensor, input_ids: torch.Tensor, completion_mask: torch.Tensor) -> torch.Tensor:
    """[N, T, d] hidden states -> [N] float32: sum over t of log p(token t+1 | tokens <= t)
    where token t+1 is a completion token (the mask is shifted by one)."""
    n = input_ids.shape[0]
    predicts = completion_mask[:, 1:].bool()
    h = hidden[:, :-1][predicts]  # [M, d]
    targets = input_ids[:, 1:][predicts]  # [M]
    logits = nn.functional.linear(h, head_weight).float()  # [M, V], softmax in float32
    token_logps = logits.gather(1, targets.unsqueeze(1)).squeeze(1) - logits.logsumexp(-1)
    rows = predicts.nonzero()[:, 0]
    return torch.zeros(n, dtype=torch.float32, device=hidden.device).index_add(0, rows, token_logps)


def logits_logps(logits: torch.Tensor, input_ids: torch.Tensor, completion_mask: torch.Tensor) -> torch.Tensor:
    """The same from full [N, T, V] logits (models whose head is not a plain projection)."""
    logits = logits[:, :-1].float()
    targets = input_ids[:, 1:]
    token_logps = logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1) - logits.logsumexp(-1)
    return (token_logps * completion_mask[:, 1:].to(torch.float32)).sum(-1)


class SequenceLogps(nn.Module):
    """forward(input_ids, attention_mask, completion_mask) -> [N] summed completion logps.

    `backbone(input_ids=..., attention_mask=...)` returns hidden states (or an output with
    `last_hidden_state`); `head` holds the output projection's `weight`. With
    `full_logits=True` the backbone is a whole causal LM returning `.logits`.
    """

    def __init__(self, backbone: nn.Module, head: Optional[nn.Module], full_logits: bool = False, backbone_kwargs: Optional[dict] = None) -> None:
        super().__init__()
        self.backbone = backbone
        self.head = head
        self.full_logits = full_logits
        self.backbone_kwargs = dict(backbone_kwargs or {})

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, completion_mask: torch.Tensor) -> torch.Tensor:
        out: Any = self.backbone(input_ids=input_ids, attention_mask=attention_mask, **self.backbone_kwargs)
        if self.full_logits:
            return logits_logps(out.logits, input_ids, completion_mask)
        hidden = out if isinstance(out, torch.Tensor) else out.last_hidden_state
        assert self.head is not None
        return completion_logps(hidden, self.head.weight, input_ids, completion_mask)


def sft_loss(logps: torch.Tensor, completion_tokens: torch.Tensor) -> torch.Tensor:
    """Plain supervised fine-tuning: mean negative log-likelihood per completion token
    (the baseline the GPU check compares a KTO step with)."""
    return -logps.sum() / completion_tokens.clamp(min=1)

