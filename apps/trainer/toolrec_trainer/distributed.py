"""Data parallelism across processes (torchrun): each rank takes an equal share of every
batch, DistributedDataParallel all-reduces (averages) the adapter's gradients, and the few
batch statistics the loss needs (KL sums for z, the loss's sums for the metrics) are added up
across ranks, so G processes compute what one process computes on the same global batch.
Rank 0 alone writes metrics, checkpoints and artifacts.

torchrun sets WORLD_SIZE, RANK and LOCAL_RANK (and the rendezvous address); without them the
trainer is one process. Backend: NCCL on GPUs, gloo on CPUs (the CPU test of this path).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional

import torch
import torch.distributed as dist


@dataclass
class Dist:
    world: int = 1
    rank: int = 0
    local_rank: int = 0
    backend: Optional[str] = None

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    def all_reduce(self, t: torch.Tensor, op: str = "sum") -> torch.Tensor:
        """In place across ranks (a no-op for one process); returns `t`."""
        if self.world > 1:
            dist.all_reduce(t, op=dist.ReduceOp.SUM if op == "sum" else dist.ReduceOp.MAX)
        return t

    def close(self) -> None:
        if self.world > 1 and dist.is_initialized():
            dist.destroy_process_group()


def from_environment(device_type: str) -> Dist:
    """Joins the process group torchrun describes (NCCL for cuda, gloo for cpu)."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world <= 1:
        return Dist()
    rank, local_rank = int(os.environ["RANK"]), int(os.environ.get("LOCAL_RANK", "0"))
    backend = "nccl" if device_type == "cuda" else "gloo"
    if device_type == "cuda":
        torch.cuda.set_device(local_rank)
    if not dist.is_initialized():
        dist.init_process_group(backend=backend)
    return Dist(world=world, rank=rank, local_rank=local_rank, backend=backend)
