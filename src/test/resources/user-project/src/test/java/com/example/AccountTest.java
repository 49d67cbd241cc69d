package com.example;

import org.junit.jupiter.api.Test;
import pinmc.check.CheckResult;
import pinmc.junit.ModelCheck;

class AccountTest {
  @Test
  void racyDepositsCanLoseOne() {
    CheckResult r = ModelCheck.of(Account.class).args("racy").run();
    ModelCheck.assertViolates(r, "no-lost-deposit");
  }

  @Test
  void lockedDepositsNeverDo() {
    ModelCheck.assertPasses(ModelCheck.of(Account.class).args("locked").run());
  }
}
