"""Training runs kept per setting, for explorers whose controls change how a network trains.

When a control moves, the explorer shows the run of the new setting trained to the same number of
epochs as the run it leaves, so the two can be compared at once; a setting seen before keeps its run
(moving a slider back and forth costs nothing the second time).
"""

__all__ = ["Runs"]

#: How many runs are kept; the oldest is dropped beyond this.
KEEP = 32


class Runs:
    """One :class:`~backprop_lab.Trainer` per setting.

    Parameters
    ----------
    make : callable
        ``make(key) -> Trainer``: a fresh run for the setting `key` (any hashable).
    start_epochs : int
        How many epochs the first run (and the first one after :meth:`reset`) is trained.
    """

    def __init__(self, make, start_epochs=0):
        self.make, self.start_epochs = make, start_epochs
        self.reset()

    def reset(self):
        """Forget every run; the next :meth:`get` starts again with `start_epochs`."""
        self.cache, self.key, self.epochs = {}, None, self.start_epochs

    def get(self, key):
        """The run of setting `key`, trained up to the epochs of the run shown before it."""
        if key != self.key:
            if self.key is not None:
                self.epochs = len(self.cache[self.key].losses)
            if key not in self.cache:
                if len(self.cache) >= KEEP:
                    self.cache.pop(next(iter(self.cache)))
                self.cache[key] = self.make(key)
            trainer = self.cache[key]
            missing = self.epochs - len(trainer.losses)
            if missing > 0 and not (trainer.stopped_early or trainer.diverged):
                trainer.run(missing)
            self.key = key
        return self.cache[key]
