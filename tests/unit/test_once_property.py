"""``once_property`` (knowledge/once.py): worked out once per object, kept in its ``__dict__``, and two threads
working out the property of two objects at once do not wait for each other (functools' before Python 3.12
held one lock per property of the class: every turn waited for the turn computing its search)."""

import threading

from knowledge.once import once_property


class Thing:
    computed = 0

    def __init__(self, barrier: threading.Barrier | None = None) -> None:
        self.barrier = barrier

    @once_property
    def value(self) -> int:
        """The thing's value."""
        Thing.computed += 1
        if self.barrier is not None:
            self.barrier.wait(timeout=5)  # both threads inside at once, or BrokenBarrierError
        return Thing.computed


def test_worked_out_once_and_kept_on_the_object():
    Thing.computed = 0
    thing = Thing()
    assert thing.value == 1 and thing.value == 1 and Thing.computed == 1
    assert thing.__dict__["value"] == 1
    assert Thing().value == 2  # per object
    assert Thing.value.__doc__ == "The thing's value." and isinstance(Thing.value, once_property)


def test_two_threads_work_out_two_objects_at_once():
    barrier = threading.Barrier(2)
    things = [Thing(barrier), Thing(barrier)]
    errors: list[BaseException] = []

    def read(thing: Thing) -> None:
        try:
            thing.value  # noqa: B018
        except BaseException as error:  # a lock shared by the objects: the barrier times out
            errors.append(error)

    threads = [threading.Thread(target=read, args=(t,)) for t in things]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert errors == []
