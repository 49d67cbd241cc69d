package pinmc.kernel;


/**
 * How a page records that it is pinned for DMA: the question the 2022 session kept coming
 * back to ("there are no spare bits in struct page to track the number of times a given page
 * has been pinned, so the developers had to hack things by using a bias value (1024) in the
 * page reference count").
 *
 * @param bias what {@code pin_user_pages} adds to the reference count when there is no exact
 *     count: {@link Mm#GUP_PIN_COUNTING_BIAS} in the kernel; a model scales it down so that a
 *     handful of ordinary references reach it (and says so in its header)
 * @param exactPinCount whether pins are counted exactly in a side structure
 *     ({@code folio->_pincount}), in which case a pin adds 1 to the reference count and 1 to
 *     the pin count, and {@code page_maybe_dma_pinned} has no false positives
 */
public record PinCounting(int bias, boolean exactPinCount) {
  /** The kernel's scheme for small pages: the 1024 bias in the reference count. */
  public static final PinCounting KERNEL = new PinCounting(Mm.GUP_PIN_COUNTING_BIAS, false);

  public PinCounting {
    if (bias < 2) {
      throw new IllegalArgumentException("the pin bias must be at least 2: " + bias);
    }
  }

  /** The bias scheme with {@code bias} in place of 1024, for models with few references. */
  public static PinCounting scaledBias(int bias) {
    return new PinCounting(bias, false);
  }

  /** An exact pin count in a side structure (the bias is then unused). */
  public static PinCounting exact() {
    return new PinCounting(Mm.GUP_PIN_COUNTING_BIAS, true);
  }
}
