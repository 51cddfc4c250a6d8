(?x)
# The quantity trigger: every place a quantity can start (see src/quantity.rs). Compiled into
# a DFA by build.rs, so no process compiles it or warms up a lazy DFA over it.
# Verbose syntax: whitespace is ignored and `#` starts a comment. Order matters within an
# alternation (leftmost-first): longer words first ("seventeen" before "seven").
(?P<num>
    (?P<approx>[~≈])?
    (?P<sign>[-+\u{2212}])?
    (?:
        (?P<cur>
            (?:US|AU|A|CA|C|NZ|HK|S|R|MX)\$ | CN¥ | [$€£¥₹₩₽₺₪₦₱฿₫] | Rs\.?
          | USD|EUR|GBP|INR|JPY|CNY|RMB|AUD|CAD|CHF|SGD|HKD|NZD|SEK|NOK|DKK|BRL|MXN
          | ZAR|KRW|AED|SAR|ILS|PLN|TRY|RUB|NGN|KES|THB|IDR|MYR|VND
        )
        [\x20\t\u{A0}\u{2000}-\u{200A}\u{202F}]?
    )?
    (?P<digits>
        [0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?          # 1,200  1,200.50
      | [0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?:\.[0-9]+)? # 1,20,000 (Indian grouping)
      | [0-9]{1,3}(?:\.[0-9]{3}){2,}                   # 1.200.000
      | [0-9]+(?:\.[0-9]+)?                            # 40  2.4
    )
)
| (?P<mult>(?i:
    doubled|doubling|tripled|tripling|quadrupled|quadrupling|quintupled|halved|halving
  | (?:two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|thousand)-?fold
))
| (?P<rate>
    QoQ|YoY|MoM|WoW|QOQ|YOY|qoq|yoy
  | (?i:(?:year|quarter|month|week)[-\x20]over[-\x20](?:year|quarter|month|week))
)
| (?P<vague>(?i:
    (?:tens|hundreds)\x20+of\x20+(?:thousands|millions|billions)
  | dozens|hundreds|thousands|millions|billions
))
| (?P<word>(?i:
    a[\x20\t\u{A0}]+(?:dozen|couple|hundred|thousand|million|billion)
  | eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen
  | (?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)
    (?:[-\x20](?:one|two|three|four|five|six|seven|eight|nine))?
  | one|two|three|four|five|six|seven|eight|nine|ten
))
