package pinmc.cli;

import java.util.Arrays;

/** The stand-in for pinmc's main in {@link LauncherClassDataSharingTest}'s jar: prints its arguments, exits with 3. */
public final class LauncherFixture {
  private LauncherFixture() {}

  public static void main(String[] args) {
    System.out.println("fixture " + Arrays.toString(args));
    System.exit(3);
  }
}
