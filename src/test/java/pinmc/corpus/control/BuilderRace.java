package pinmc.corpus.control;

/** Two threads append to one StringBuilder: the order of the appends decides the text. */
public class BuilderRace {
  public static void main(String[] args) throws InterruptedException {
    StringBuilder log = new StringBuilder();
    Thread a = new Thread(() -> log.append("map;"));
    Thread b = new Thread(() -> log.append("unmap;"));
    a.start();
    b.start();
    a.join();
    b.join();
    assert log.toString().equals("map;unmap;") : "log was " + log;
  }
}
