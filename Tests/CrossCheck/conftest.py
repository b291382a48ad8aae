"""Print the freebusy cross-check corpus make-up and random seeds, so a failing seed can be replayed."""

import sys


def pytest_terminal_summary(terminalreporter):
    module = sys.modules.get("test_freebusy_reference")
    if module is None:  # only the holidays cross-check ran
        return
    groups: dict[str, int] = {}
    for corpus_id, _ in module.CORPUS:
        key = corpus_id.split("/")[0]
        groups[key] = groups.get(key, 0) + 1
    terminalreporter.write_line(
        f"freebusy cross-check corpus: {len(module.CORPUS)} calendars ("
        + ", ".join(f"{k}={v}" for k, v in groups.items())
        + f"); {len(module.EXCLUDED)} excluded")
    terminalreporter.write_line(f"random seeds used: {' '.join(map(str, module.SEEDS))}"
                                " (add one with CONVENE_RANDOM_SEED=N)")
