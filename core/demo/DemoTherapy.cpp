#include "demo/DemoTherapy.h"

#include "cases/CaseService.h"
#include "deadlines/DeadlineService.h"
#include "demo/DemoCases.h"
#include "store/Sqlite.h"
#include "store/Vault.h"
#include "therapy/TherapyService.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <random>

namespace claimdesk::core {

namespace {

using therapy::Invoice;
using therapy::Provider;
using therapy::RequestStatus;
using therapy::TherapyRequest;
using therapy::TherapyService;
using S = RequestStatus;

// Invented therapists and practices. Sort codes in the 00-99-xx range and account numbers starting 0000 belong
// to nobody; they only have to look like bank details.
struct DemoProvider {
    const char16_t* name;
    const char16_t* organisation;
    const char16_t* body;
    const char16_t* registration;
    const char16_t* contact;
    int termsDays;
    const char16_t* sortCode;
    const char16_t* account;
    const char16_t* invoicePrefix;
};

constexpr std::array<DemoProvider, 5> kProviders {{
    {u"Dr Helen Marsh", u"Northfield Trauma Clinic", u"HCPC", u"PYL09001", u"01632 960101, clinic@northfield.example",
     30, u"00-99-01", u"00001101", u"NTC-"},
    {u"Owen Pritchard", u"Pritchard Counselling", u"BACP", u"BACP-900102", u"01632 960102, owen@pritchard.example", 14,
     u"00-99-02", u"00001202", u"PC"},
    {u"Dr Asha Verma", u"Riverside Psychology Practice", u"HCPC", u"PYL09003", u"01632 960103, admin@riverside.example",
     30, u"00-99-03", u"00001303", u"RPP/"},
    {u"Maeve Donnelly", u"Harbourside EMDR Centre", u"UKCP", u"UKCP-900104",
     u"028 9649 0104, maeve@harbourside.example", 21, u"00-99-04", u"00001404", u"HEC-"},
    // Bank details entered but not yet confirmed by calling the provider back: payments to them are refused.
    {u"Callum Reid", u"Westgate Wellbeing", u"BACP", u"BACP-900105", u"0131 496 0105, callum@westgate.example", 30,
     u"00-99-05", u"00001505", u"WW"},
}};
constexpr std::size_t kUnverifiedProvider = kProviders.size() - 1;

constexpr std::array kDiagnoses {u"PTSD",
                                 u"Complex PTSD",
                                 u"Depression and anxiety",
                                 u"Complex PTSD with dissociation",
                                 u"Anxiety; nightmares and flashbacks",
                                 u"Depression"};
constexpr std::array kRecommenders {u"GP letter", u"Consultant psychiatrist's report",
                                    u"Clinical psychologist's report", u"Triage assessment (Rehabilitation Code)"};
constexpr std::array kModalities {
    therapy::Modality::TraumaFocusedCbt, therapy::Modality::Emdr,          therapy::Modality::Cbt,
    therapy::Modality::Counselling,      therapy::Modality::Psychodynamic, therapy::Modality::Cat};
constexpr std::array kRatesPence {qint64 {9000}, qint64 {12000}, qint64 {8500}, qint64 {10000}, qint64 {7500}};

QString s(const char16_t* text)
{
    return QString::fromUtf16(text);
}

// Where one request ends up, and how it gets there.
enum class Route {
    Plain,  // straight along the workflow to the target
    Withdrawn,  // Draft → Closed
    RejectedThenClosed,  // … → Rejected → Closed
    ExtensionRefused,  // … → ExtensionRequested → Ending (refused)
    PartWrittenOff,  // reconciled with part of the cost written off
};

struct Target {
    RequestStatus status;
    Route route = Route::Plain;
};

// Every status, most twice: 36 requests. The order is the order they are created in.
const std::vector<Target>& targets()
{
    static const std::vector<Target> list {
        {S::Draft},
        {S::Draft},
        {S::Submitted},
        {S::Submitted},
        {S::ClinicalCheck},
        {S::ClinicalCheck},
        {S::QuoteObtained},
        {S::QuoteObtained},
        {S::AwaitingApproval},
        {S::AwaitingApproval},
        {S::AwaitingApproval},
        {S::Approved},
        {S::Approved},
        {S::Rejected},
        {S::ProviderInstructed},
        {S::ProviderInstructed},
        {S::InTherapy},
        {S::InTherapy},
        {S::InTherapy},
        {S::ReviewDue},
        {S::ReviewDue},
        {S::ExtensionRequested},
        {S::ExtensionRequested},
        {S::ApprovedExtension},
        {S::ApprovedExtension},
        {S::Ending},
        {S::Ending, Route::ExtensionRefused},
        {S::Completed},
        {S::Completed},
        {S::Completed},
        {S::Reconciled},
        {S::Reconciled, Route::PartWrittenOff},
        {S::Closed, Route::Withdrawn},
        {S::Closed, Route::RejectedThenClosed},
        {S::Closed},
        {S::Closed, Route::PartWrittenOff},
    };
    return list;
}

// The workflow order of the main path, to ask "has this request got as far as X".
int rank(RequestStatus s)
{
    switch (s) {
    case S::Draft: return 0;
    case S::Submitted: return 1;
    case S::ClinicalCheck: return 2;
    case S::QuoteObtained: return 3;
    case S::AwaitingApproval: return 4;
    case S::Approved:
    case S::Rejected: return 5;
    case S::ProviderInstructed: return 6;
    case S::InTherapy: return 7;
    case S::ReviewDue: return 8;
    case S::ExtensionRequested: return 9;
    case S::ApprovedExtension:
    case S::Ending: return 10;
    case S::Completed: return 11;
    case S::Reconciled: return 12;
    case S::Closed: return 13;
    }
    return 0;
}

struct Session {
    Vault* vault = nullptr;
    std::unique_ptr<CaseService> cases;
    std::unique_ptr<deadlines::DeadlineService> deadlines;
    std::unique_ptr<TherapyService> fund;

    explicit Session(Vault& v)
        : vault(&v),
          cases(std::make_unique<CaseService>(v)),
          deadlines(std::make_unique<deadlines::DeadlineService>(v, *cases)),
          fund(std::make_unique<TherapyService>(v, *cases, *deadlines))
    {
    }
};

// One request of the demo: where it goes, who asks, and what it has gathered so far. Days are counted from the
// start of the current fund year, unscaled (Writer::day() squeezes them into the days the year has had).
struct Plan {
    Target target;
    Session* requester = nullptr;
    qint64 caseId = 0;
    std::size_t provider = 0;
    int sessionsRequested = 0;
    int sessionsApproved = 0;
    int extraSessions = 0;  // asked for in an extension
    qint64 rate = 0;
    qint64 fees = 0;
    bool vat = false;
    int reviewAfter = 0;
    std::vector<therapy::SessionOutcome> outcomes;  // the sessions held by today, in order
    bool payAll = false;  // a finished request whose last invoice is paid too
    int startDay = 0;  // the request
    TherapyRequest request;
    std::vector<Invoice> invoices;
    std::vector<int> receivedDays;  // of each invoice

    bool reaches(RequestStatus s) const
    {
        if (target.route == Route::Withdrawn) {
            return s == S::Draft;
        }
        if (target.route == Route::RejectedThenClosed) {
            return rank(s) <= rank(S::AwaitingApproval) || s == S::Rejected;
        }
        if (s == S::Rejected) {
            return target.status == S::Rejected;
        }
        if (target.status == S::Rejected) {
            return rank(s) <= rank(S::AwaitingApproval);
        }
        return rank(s) <= rank(target.status);
    }
    bool treated() const { return reaches(S::InTherapy); }
    bool extends() const
    {
        return target.status == S::ExtensionRequested || target.status == S::ApprovedExtension
            || target.route == Route::ExtensionRefused;
    }
    bool finishes() const { return treated() && rank(target.status) >= rank(S::Completed); }
    bool settles() const { return finishes() && rank(target.status) >= rank(S::Reconciled); }
    // The last invoice comes once therapy stops (for now); during therapy the provider bills every four sessions.
    bool billedToTheEnd() const { return finishes() || extends() || target.status == S::Ending; }

    // The story's days.
    int submittedDay() const { return startDay + 1; }
    int decisionDay() const { return startDay + 10; }
    int instructedDay() const { return startDay + 12; }
    int sessionDay(std::size_t i) const { return startDay + 14 + 7 * static_cast<int>(i); }
    int lastSessionDay() const { return outcomes.empty() ? instructedDay() : sessionDay(outcomes.size() - 1); }
    int stopDay() const { return lastSessionDay() + (target.status == S::Ending && !extends() ? 12 : 5); }
    int extensionDecisionDay() const { return stopDay() + 4; }
    int settledDay() const { return lastSessionDay() + 40; }
    int length() const
    {
        if (!treated()) {
            return 14;
        }
        if (settles()) {
            return settledDay() + 2 - startDay;
        }
        if (finishes()) {
            return lastSessionDay() + 11 - startDay;
        }
        return extensionDecisionDay() + 1 - startDay;
    }
};

class Writer {
public:
    Writer(Vault& supervisor, Vault& solicitor, Vault& paralegal, DemoClock& clock, quint32 seed)
        : m_supervisor(supervisor),
          m_solicitor(solicitor),
          m_paralegal(paralegal),
          m_clock(clock),
          m_rng(seed ^ 0x7e4a9d31u)
    {
    }

    Result<DemoTherapyReport> run();

private:
    quint32 pick(quint32 n) { return n == 0 ? 0 : static_cast<quint32>(m_rng() % n); }
    bool chance(int percent) { return static_cast<int>(pick(100)) < percent; }
    QDate day(int offset) const
    {
        return std::min(m_anchor.addDays(static_cast<qint64>(std::floor(offset * m_scale))), m_today);
    }
    // The service's "today" for the next step.
    QDate at(int offset)
    {
        const QDate d = day(offset);
        m_clock.pin(d);
        return d;
    }

    template <typename F> Result<void> phase(Session& who, F&& work)
    {
        auto tx = sql::Transaction::beginBulk(who.vault->connection());
        if (!tx) {
            return tx.error();
        }
        if (auto done = work(); !done) {
            return done.error();
        }
        return tx->commit();
    }

    Result<void> step(Session& who, Plan& p, RequestStatus to, const QString& note = {})
    {
        auto moved = who.fund->transition(p.request.id, to, p.request.version, note);
        if (!moved) {
            return moved.error();
        }
        p.request = *moved;
        return {};
    }

    Result<void> refresh(Session& who, Plan& p)
    {
        auto fresh = who.fund->request(p.request.id);
        if (!fresh) {
            return fresh.error();
        }
        p.request = *fresh;
        return {};
    }

    Result<std::vector<std::pair<qint64, QString>>> demoCases();
    void plan(const std::vector<std::pair<qint64, QString>>& cases);
    Result<void> providers();
    Result<void> drafts(Session& who);
    Result<void> decisions();
    Result<void> treatment(Session& who);
    Result<void> pay(Plan& p, std::size_t from, std::size_t to);
    Result<void> payments(bool finalRound);
    Result<void> endings(Session& who);
    Result<void> settlement();

    Session m_supervisor;
    Session m_solicitor;
    Session m_paralegal;
    DemoClock& m_clock;
    std::mt19937 m_rng;
    std::vector<Provider> m_providers;
    std::vector<Plan> m_plans;
    std::array<int, kProviders.size()> m_invoiceNumbers {};
    QDate m_today;
    QDate m_anchor;  // the start of the current fund year
    double m_scale = 1.0;
    int m_year = 0;
};

Result<std::vector<std::pair<qint64, QString>>> Writer::demoCases()
{
    // Open cases of the two fee earners who ask for therapy, never restricted ones. A bounded query: a vault of
    // 100,000 cases is not read whole.
    auto query = m_supervisor.vault->connection().prepare(
        "SELECT id, fee_earner FROM cases WHERE restricted = 0 AND stage NOT IN ('enquiry', 'closed') "
        "AND fee_earner IN ('demo-solicitor', 'demo-paralegal') ORDER BY id LIMIT 400");
    if (!query) {
        return query.error();
    }
    std::vector<std::pair<qint64, QString>> cases;
    for (;;) {
        auto row = query->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        cases.emplace_back(query->int64(0), query->text(1));
    }
    return cases;
}

void Writer::plan(const std::vector<std::pair<qint64, QString>>& cases)
{
    const std::vector<Target>& all = targets();
    std::vector<std::size_t> order(cases.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    for (std::size_t i = order.size(); i > 1; --i) {  // Fisher-Yates with our own mapping (portable)
        std::swap(order[i - 1], order[pick(static_cast<quint32>(i))]);
    }
    int room = static_cast<int>(m_anchor.daysTo(m_today));
    std::vector<int> slack;
    for (std::size_t i = 0; i < all.size(); ++i) {
        Plan p;
        p.target = all[i];
        const auto& [caseId, feeEarner] = cases[order[i % order.size()]];
        p.caseId = caseId;
        p.requester = feeEarner == DemoCases::kParalegal ? &m_paralegal : &m_solicitor;
        // Requests that get no further than the quote may name the provider whose bank details are unverified;
        // anything that is paid uses a verified one.
        const bool neverPaid = !p.reaches(S::Approved);
        p.provider = neverPaid && chance(40) ? kUnverifiedProvider : pick(kUnverifiedProvider);
        p.rate = kRatesPence[pick(kRatesPence.size())];
        p.extraSessions = p.extends() ? 4 : 0;
        p.sessionsRequested = p.extends() ? 8 + static_cast<int>(pick(3)) : 6 + static_cast<int>(pick(7));
        p.sessionsApproved = p.sessionsRequested - (chance(25) ? 2 : 0);
        p.fees = chance(40) ? 35000 : 0;  // assessment and report
        p.vat = !p.extends() && chance(15);
        p.reviewAfter = p.target.status == S::ReviewDue ? p.sessionsApproved / 2 : 0;
        // The charged sessions held by today: all of them once therapy has finished or more are asked for, up to
        // the review point, or part of the course.
        int charged = 0;
        if (p.treated()) {
            charged = p.extends() || p.finishes() ? p.sessionsApproved
                : p.target.status == S::ReviewDue ? p.reviewAfter
                : p.target.status == S::Ending    ? p.sessionsApproved - 2
                                                  : std::max(1, p.sessionsApproved / 2 - static_cast<int>(pick(2)));
        }
        // Now and then a late cancellation (charged) or a missed session (not charged, so it does not count
        // against the approved sessions).
        for (int held = 0; held < charged;) {
            const quint32 roll = pick(100);
            const auto outcome = roll < 6 ? therapy::SessionOutcome::DidNotAttend
                : roll < 12               ? therapy::SessionOutcome::LateCancelled
                                          : therapy::SessionOutcome::Attended;
            p.outcomes.push_back(outcome);
            held += outcome == therapy::SessionOutcome::DidNotAttend ? 0 : 1;
        }
        p.payAll = p.settles() || (p.finishes() && chance(50));
        slack.push_back(static_cast<int>(pick(10)));
        room = std::max(room, p.length() + slack.back());
        m_plans.push_back(std::move(p));
    }
    // Every story ends by today (a few days before, or today) and starts in this fund year: when the year is
    // younger than the longest story, all of them are squeezed alike.
    m_scale = static_cast<double>(m_anchor.daysTo(m_today)) / room;
    for (std::size_t i = 0; i < m_plans.size(); ++i) {
        m_plans[i].startDay = room - slack[i] - m_plans[i].length();
    }
}

Result<void> Writer::providers()
{
    // The solicitor types the bank details in; the supervisor (someone else) confirms them by calling back.
    at(0);
    auto added = phase(m_solicitor, [&]() -> Result<void> {
        for (const DemoProvider& d : kProviders) {
            Provider p;
            p.name = s(d.name);
            p.organisation = s(d.organisation);
            p.professionalBody = s(d.body);
            p.registrationNumber = s(d.registration);
            p.contact = s(d.contact);
            p.paymentTermsDays = d.termsDays;
            p.bankAccountName = s(d.organisation);
            p.bankSortCode = s(d.sortCode);
            p.bankAccountNumber = s(d.account);
            auto saved = m_solicitor.fund->saveProvider(p);
            if (!saved) {
                return saved.error();
            }
            m_providers.push_back(*saved);
        }
        return {};
    });
    if (!added) {
        return added;
    }
    return phase(m_supervisor, [&]() -> Result<void> {
        for (std::size_t i = 0; i < m_providers.size(); ++i) {
            if (i == kUnverifiedProvider) {
                continue;
            }
            auto verified = m_supervisor.fund->verifyProviderBank(m_providers[i].id, m_providers[i].version);
            if (!verified) {
                return verified.error();
            }
            m_providers[i] = *verified;
        }
        const qint64 allocated = 6000000 + 500000 * static_cast<qint64>(pick(5));  // £60,000 to £80,000
        if (auto set = m_supervisor.fund->setAllocation(m_year - 1, 4800000,
                                                        QStringLiteral("Demo: last year's fund (fictional)."));
            !set) {
            return set.error();
        }
        if (auto set = m_supervisor.fund->setAllocation(m_year, allocated,
                                                        QStringLiteral("Demo: this year's fund (fictional)."));
            !set) {
            return set.error();
        }
        return {};
    });
}

Result<void> Writer::drafts(Session& who)
{
    return phase(who, [&]() -> Result<void> {
        for (Plan& p : m_plans) {
            if (p.requester != &who) {
                continue;
            }
            TherapyRequest r;
            r.caseId = p.caseId;
            r.requestedOn = at(p.startDay);
            r.funding = therapy::FundingRoute::FirmFund;
            r.recommendation = s(kRecommenders[pick(kRecommenders.size())]);
            r.diagnosis = s(kDiagnoses[pick(kDiagnoses.size())]);
            // A draft may not have a provider or a quote yet.
            const bool quoted = p.reaches(S::QuoteObtained);
            r.providerId = quoted || chance(50) ? m_providers[p.provider].id : 0;
            r.modality = kModalities[pick(kModalities.size())];
            r.sessionMinutes = r.modality == therapy::Modality::Emdr ? 60 : 50;
            r.delivery = chance(70) ? therapy::Delivery::InPerson : therapy::Delivery::Video;
            r.frequency = QStringLiteral("weekly");
            r.sessionsRequested = p.sessionsRequested;
            r.costPerSessionPence = r.providerId != 0 ? p.rate : 0;
            r.vat = p.vat;
            r.feesPence = p.fees;
            r.reviewAfterSessions = p.reviewAfter;
            r.recoverabilityAgreed = p.reaches(S::AwaitingApproval) || chance(50);
            r.reportsShareable = chance(60);
            auto created = who.fund->createRequest(r);
            if (!created) {
                return created.error();
            }
            p.request = *created;
            if (p.target.route == Route::Withdrawn) {
                at(p.startDay + 2);
                if (auto moved
                    = step(who, p, S::Closed, QStringLiteral("Withdrawn: the client is having NHS therapy instead."));
                    !moved) {
                    return moved;
                }
                continue;
            }
            const std::array<std::pair<RequestStatus, int>, 4> path {
                {{S::Submitted, 1}, {S::ClinicalCheck, 3}, {S::QuoteObtained, 6}, {S::AwaitingApproval, 7}}};
            for (const auto& [next, after] : path) {
                if (!p.reaches(next)) {
                    break;
                }
                at(p.startDay + after);
                if (auto moved = step(who, p, next); !moved) {
                    return moved;
                }
            }
        }
        return {};
    });
}

Result<void> Writer::decisions()
{
    return phase(m_supervisor, [&]() -> Result<void> {
        for (Plan& p : m_plans) {
            if (p.request.status != S::AwaitingApproval || !(p.reaches(S::Rejected) || p.reaches(S::Approved))) {
                continue;
            }
            at(p.decisionDay());
            if (p.reaches(S::Rejected)) {
                auto rejected = m_supervisor.fund->reject(
                    p.request.id,
                    QStringLiteral("The clinical basis is not enough yet: ask for the psychologist's report first."),
                    p.request.version);
                if (!rejected) {
                    return rejected.error();
                }
                p.request = *rejected;
                continue;
            }
            therapy::ApprovalInput input;
            input.sessions = p.sessionsApproved;
            input.conditions = p.sessionsApproved < p.sessionsRequested
                ? QStringLiteral("Approved in part: review with the therapist before asking for more.")
                : QString();
            input.reviewAfterSessions = p.reviewAfter;
            auto approved = m_supervisor.fund->approve(p.request.id, input, p.request.version);
            if (!approved) {
                return approved.error();
            }
            p.request = *approved;
        }
        return {};
    });
}

Result<void> Writer::treatment(Session& who)
{
    return phase(who, [&]() -> Result<void> {
        for (Plan& p : m_plans) {
            if (p.requester != &who) {
                continue;
            }
            if (p.request.status == S::Rejected && p.target.route == Route::RejectedThenClosed) {
                at(p.instructedDay());
                if (auto moved = step(who, p, S::Closed, QStringLiteral("The client chose not to ask again."));
                    !moved) {
                    return moved;
                }
                continue;
            }
            if (p.request.status != S::Approved || !p.reaches(S::ProviderInstructed)) {
                continue;
            }
            at(p.instructedDay());
            if (auto moved = step(who, p, S::ProviderInstructed); !moved) {
                return moved;
            }
            // The first session moves the request into therapy; reaching the review point makes the review due.
            const DemoProvider& provider = kProviders[p.provider];
            int unbilled = 0;
            int periodFrom = -1;
            auto invoice = [&](int lastDay) -> Result<void> {
                Invoice inv;
                inv.number = s(provider.invoicePrefix) + QString::number(1040 + ++m_invoiceNumbers[p.provider]);
                inv.invoiceDate = day(lastDay + 2);
                inv.receivedOn = at(lastDay + 4);
                inv.periodFrom = day(periodFrom);
                inv.periodTo = day(lastDay);
                inv.sessionsCovered = unbilled;
                // The assessment and report fees come with the first invoice.
                const qint64 net = unbilled * p.rate + (p.invoices.empty() ? p.fees : 0);
                inv.amountPence = p.vat ? net + therapy::vatOn(net) : net;
                inv.checkedAgainstSessions = true;
                auto added = who.fund->addInvoice(p.request.id, inv);
                if (!added) {
                    return added.error();
                }
                p.invoices.push_back(*added);
                p.receivedDays.push_back(lastDay + 4);
                unbilled = 0;
                periodFrom = -1;
                return {};
            };
            for (std::size_t i = 0; i < p.outcomes.size(); ++i) {
                therapy::TherapySession session;
                session.heldOn = at(p.sessionDay(i));
                session.outcome = p.outcomes[i];
                session.charged = session.outcome != therapy::SessionOutcome::DidNotAttend;
                if (session.outcome == therapy::SessionOutcome::LateCancelled) {
                    session.note = QStringLiteral("Cancelled the same morning; charged under the provider's terms.");
                } else if (session.outcome == therapy::SessionOutcome::DidNotAttend) {
                    session.note
                        = QStringLiteral("Did not attend; the provider does not charge a first missed session.");
                }
                auto logged = who.fund->logSession(p.request.id, session);
                if (!logged) {
                    return logged.error();
                }
                if (periodFrom < 0) {
                    periodFrom = p.sessionDay(i);
                }
                unbilled += session.charged ? 1 : 0;
                if (unbilled == 4) {  // the provider invoices every four charged sessions
                    if (auto billed = invoice(p.sessionDay(i)); !billed) {
                        return billed;
                    }
                }
            }
            if (unbilled > 0 && p.billedToTheEnd()) {
                if (auto billed = invoice(p.lastSessionDay()); !billed) {
                    return billed;
                }
            }
            if (auto fresh = refresh(who, p); !fresh) {
                return fresh;
            }
        }
        return {};
    });
}

Result<void> Writer::pay(Plan& p, std::size_t from, std::size_t to)
{
    for (std::size_t i = from; i < to; ++i) {
        const Invoice& inv = p.invoices[i];
        therapy::Payment payment;
        payment.paidOn = std::max(at(p.receivedDays[i] + 7), inv.receivedOn);
        m_clock.pin(payment.paidOn);
        payment.amountPence = inv.amountPence;
        payment.method = QStringLiteral("BACS");
        payment.reference = QStringLiteral("%1 %2").arg(p.request.caseReference, inv.number);
        payment.paidFrom = QStringLiteral("office account");
        if (auto paid = m_supervisor.fund->pay(inv.id, payment); !paid) {
            return paid.error();
        }
    }
    return refresh(m_supervisor, p);
}

Result<void> Writer::payments(bool finalRound)
{
    // While therapy goes on every invoice but the latest is paid; a finished request's last invoice is paid once
    // it is completed (or still waits).
    return phase(m_supervisor, [&]() -> Result<void> {
        for (Plan& p : m_plans) {
            if (p.invoices.empty() || !therapy::isPayable(p.request.status)) {
                continue;
            }
            const std::size_t n = p.invoices.size();
            if (!finalRound) {
                if (auto paid = pay(p, 0, n - 1); !paid) {
                    return paid;
                }
            } else if (p.finishes() && p.payAll) {
                if (auto paid = pay(p, n - 1, n); !paid) {
                    return paid;
                }
            }
        }
        return {};
    });
}

Result<void> Writer::endings(Session& who)
{
    return phase(who, [&]() -> Result<void> {
        for (Plan& p : m_plans) {
            if (p.requester != &who || p.request.status != S::InTherapy) {
                continue;
            }
            at(p.stopDay());
            if (p.extends()) {
                auto asked = who.fund->requestExtension(
                    p.request.id, p.extraSessions,
                    QStringLiteral("The therapist recommends four more sessions to finish the trauma work."),
                    p.request.version);
                if (!asked) {
                    return asked.error();
                }
                p.request = *asked;
            } else if (p.target.status == S::Ending) {
                if (auto moved = step(who, p, S::Ending, QStringLiteral("The client has asked to stop for now."));
                    !moved) {
                    return moved;
                }
            } else if (p.finishes()) {
                if (auto moved
                    = step(who, p, S::Completed, QStringLiteral("Course finished; closing report received."));
                    !moved) {
                    return moved;
                }
            }
        }
        return {};
    });
}

Result<void> Writer::settlement()
{
    return phase(m_supervisor, [&]() -> Result<void> {
        for (Plan& p : m_plans) {
            if (p.request.status == S::ExtensionRequested && p.target.status != S::ExtensionRequested) {
                at(p.extensionDecisionDay());
                if (p.target.status == S::ApprovedExtension) {
                    therapy::ApprovalInput input;
                    input.sessions = p.extraSessions;
                    input.conditions = QStringLiteral("A closing report from the therapist after the last session.");
                    auto approved = m_supervisor.fund->approveExtension(p.request.id, input, p.request.version);
                    if (!approved) {
                        return approved.error();
                    }
                    p.request = *approved;
                } else {
                    auto refused = m_supervisor.fund->refuseExtension(
                        p.request.id, QStringLiteral("Refused: the fund cannot pay for more; ask the compensator."),
                        p.request.version);
                    if (!refused) {
                        return refused.error();
                    }
                    p.request = *refused;
                }
            }
            if (p.request.status != S::Completed || !p.settles()) {
                continue;
            }
            // Settled: the cost was claimed in the schedule of loss; what was not recovered is written off.
            at(p.settledDay());
            const qint64 paid = p.request.paidPence;
            const qint64 writtenOff = p.target.route == Route::PartWrittenOff ? paid / 4 : 0;
            auto recovered
                = m_supervisor.fund->recordRecovery(p.request.id, true, paid - writtenOff, p.request.version);
            if (!recovered) {
                return recovered.error();
            }
            p.request = *recovered;
            if (writtenOff > 0) {
                auto off = m_supervisor.fund->writeOff(
                    p.request.id, writtenOff,
                    QStringLiteral("Reduced at settlement: part of the therapy was found not to be caused by the "
                                   "abuse."),
                    p.request.version);
                if (!off) {
                    return off.error();
                }
                p.request = *off;
            }
            if (auto moved = step(m_supervisor, p, S::Reconciled); !moved) {
                return moved;
            }
            if (p.target.status == S::Closed) {
                at(p.settledDay() + 2);
                if (auto moved = step(m_supervisor, p, S::Closed); !moved) {
                    return moved;
                }
            }
        }
        return {};
    });
}

Result<DemoTherapyReport> Writer::run()
{
    for (Vault* v : {m_supervisor.vault, m_solicitor.vault, m_paralegal.vault}) {
        if (auto ready = v->requireReady(); !ready) {
            return ready.error();
        }
    }
    m_clock.unpin();
    m_today = m_supervisor.vault->now().toLocalTime().date();
    const int startMonth = m_supervisor.fund->yearStartMonth();
    m_year = therapy::fundYearOf(m_today, startMonth);
    m_anchor = therapy::fundYearStart(m_year, startMonth);

    auto cases = demoCases();
    if (!cases) {
        return cases.error();
    }
    if (!cases->empty()) {
        plan(*cases);
    }
    if (auto done = providers(); !done) {
        return done.error();
    }
    // The story, phase by phase: each phase is one person's work in one bulk transaction.
    Result<void> story = {};
    const auto then = [&story](auto&& work) {
        if (story) {
            story = work();
        }
    };
    const auto byFeeEarners = [this](Result<void> (Writer::*work)(Session&)) {
        return [this, work]() -> Result<void> {
            for (Session* who : {&m_solicitor, &m_paralegal}) {
                if (auto done = (this->*work)(*who); !done) {
                    return done;
                }
            }
            return {};
        };
    };
    if (!m_plans.empty()) {
        then(byFeeEarners(&Writer::drafts));
        then([this] { return decisions(); });
        then(byFeeEarners(&Writer::treatment));
        then([this] { return payments(false); });
        then(byFeeEarners(&Writer::endings));
        then([this] { return payments(true); });
        then([this] { return settlement(); });
    }
    m_clock.unpin();
    if (!story) {
        return story.error();
    }
    for (const Plan& p : m_plans) {
        if (p.request.status != p.target.status) {
            return makeError(ErrorCode::Internal,
                             QStringLiteral("The demo therapy request on case %1 ended as %2 instead of %3.")
                                 .arg(p.request.caseReference, therapy::statusId(p.request.status),
                                      therapy::statusId(p.target.status)));
        }
    }
    return DemoTherapyReport {static_cast<int>(m_providers.size()), static_cast<int>(m_plans.size()), m_year};
}

}  // namespace

QStringList DemoTherapy::providerNames()
{
    QStringList names;
    for (const DemoProvider& d : kProviders) {
        names << s(d.name);
    }
    return names;
}

Result<DemoTherapyReport> DemoTherapy::write(Vault& supervisor, Vault& solicitor, Vault& paralegal, DemoClock& clock,
                                             quint32 seed)
{
    Writer writer(supervisor, solicitor, paralegal, clock, seed);
    auto written = writer.run();
    clock.unpin();
    return written;
}

QDateTime DemoClock::nowUtc() const
{
    const QDateTime real = m_base != nullptr ? m_base->nowUtc() : QDateTime::currentDateTimeUtc();
    return m_pinned.isValid() ? std::min(m_pinned, real) : real;
}

void DemoClock::pin(const QDate& day)
{
    m_pinned = QDateTime(day, QTime(10, 0)).toUTC();
}

}  // namespace claimdesk::core
