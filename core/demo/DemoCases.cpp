#include "demo/DemoCases.h"

#include "cases/CaseImport.h"
#include "store/Sqlite.h"
#include "store/Vault.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <array>

namespace claimdesk::core {

const QString DemoCases::kSupervisor = QStringLiteral("demo-supervisor");
const QString DemoCases::kSolicitor = QStringLiteral("demo-solicitor");
const QString DemoCases::kParalegal = QStringLiteral("demo-paralegal");

namespace {

// ---------------------------------------------------------------------------------------------------------
// Word lists. Common first names and surnames (combined at random), invented towns and saints.

constexpr std::array kFirstNames {
    u"James",    u"Sarah",    u"David",     u"Emma",     u"Michael",   u"Laura",  u"Daniel",   u"Rebecca", u"Paul",
    u"Claire",   u"Mark",     u"Nicola",    u"Lee",      u"Kelly",     u"Craig",  u"Gemma",    u"Stephen", u"Lisa",
    u"Darren",   u"Joanne",   u"Andrew",    u"Karen",    u"Wayne",     u"Donna",  u"Gary",     u"Tracey",  u"Simon",
    u"Hayley",   u"Ryan",     u"Leanne",    u"William",  u"Catherine", u"Robert", u"Margaret", u"Thomas",  u"Elizabeth",
    u"John",     u"Patricia", u"Anthony",   u"Jennifer", u"Richard",   u"Susan",  u"Edward",   u"Frances", u"Henry",
    u"Zoë",      u"Chloë",    u"Siân",      u"Seán",     u"Niamh",     u"Aoife",  u"Ciarán",   u"Bronagh", u"Eilidh",
    u"Mhairi",   u"Saoirse",  u"Rhiannon",  u"Dafydd",   u"Aled",      u"Kwame",  u"Amara",    u"Priya",   u"Aisha",
    u"Mohammed", u"Tomasz",   u"Agnieszka", u"Renée",    u"José",      u"André",  u"Noémie",   u"Jamal",   u"Yusuf",
};

constexpr std::array kSurnames {
    u"Smith",    u"Jones",  u"Taylor",   u"Brown",     u"Williams", u"Wilson",   u"Evans",     u"Thomas",    u"Roberts",
    u"Walker",   u"Wright", u"Robinson", u"Thompson",  u"White",    u"Hughes",   u"Edwards",   u"Green",     u"Hall",
    u"Wood",     u"Harris", u"Lewis",    u"Martin",    u"Jackson",  u"Clarke",   u"Turner",    u"Hill",      u"Scott",
    u"Cooper",   u"Morris", u"Ward",     u"Moore",     u"King",     u"Watson",   u"Baker",     u"Harrison",  u"Morgan",
    u"Patel",    u"Young",  u"Allen",    u"Mitchell",  u"Anderson", u"Phillips", u"Bell",      u"Parker",    u"Davies",
    u"Campbell", u"Kelly",  u"Murphy",   u"O'Neill",   u"O'Connor", u"MacLeod",  u"McDonald",  u"Reid",      u"Stewart",
    u"Müller",   u"Nowak",  u"Kowalski", u"Mensah",    u"Okafor",   u"Khan",     u"Ahmed",     u"Hussain",   u"Singh",
    u"Chaudhry", u"Nguyen", u"García",   u"Fernández", u"Brontë",   u"Hartley",  u"Fairbairn", u"Whitcombe", u"Ashdown",
};

// Invented surnames: an English-sounding first half and second half ("Ashford", "Thornwick"), for the
// variety of a real client list (a few hundred common surnames alone would make every search hit thousands).
constexpr std::array kSurnameStarts {u"Ash",  u"Black", u"Brad", u"Brook", u"Carr",  u"Cole", u"Craw", u"Dun",  u"Fair",
                                     u"Fen",  u"Hal",   u"Hart", u"Hol",   u"Kirk",  u"Lang", u"Mar",  u"Mid",  u"Nor",
                                     u"Pen",  u"Ram",   u"Ros",  u"Stan",  u"Thorn", u"Wal",  u"Wen",  u"Whit", u"Wil",
                                     u"Wood", u"Ald",   u"Bel",  u"Cal",   u"Els",   u"Gar",  u"Hen",  u"Lov"};
constexpr std::array kSurnameEnds {u"ford", u"ley",   u"ton", u"well",  u"by",    u"wood", u"field", u"dale",
                                   u"more", u"worth", u"ham", u"stead", u"combe", u"wick", u"hurst", u"bridge"};

// Short forms for preferred names and aliases (the conflict check knows these pairs too).
constexpr std::array<std::pair<const char16_t*, const char16_t*>, 16> kNicknames {{
    {u"William", u"Bill"},
    {u"Catherine", u"Kate"},
    {u"Robert", u"Bob"},
    {u"Margaret", u"Peggy"},
    {u"Thomas", u"Tom"},
    {u"Elizabeth", u"Liz"},
    {u"John", u"Jack"},
    {u"Patricia", u"Pat"},
    {u"Anthony", u"Tony"},
    {u"Jennifer", u"Jenny"},
    {u"Richard", u"Rick"},
    {u"Susan", u"Sue"},
    {u"Edward", u"Ted"},
    {u"Frances", u"Fran"},
    {u"Henry", u"Harry"},
    {u"James", u"Jim"},
}};

struct Town {
    const char16_t* name;
    Region region;
};
constexpr std::array<Town, 24> kTowns {{
    {u"Northfield", Region::EnglandWales},      {u"Ashcombe Vale", Region::EnglandWales},
    {u"Kelsby", Region::EnglandWales},          {u"Wrenfold", Region::EnglandWales},
    {u"Marlowe Cross", Region::EnglandWales},   {u"Haverleigh", Region::EnglandWales},
    {u"Brockmoor", Region::EnglandWales},       {u"Thistlewick", Region::EnglandWales},
    {u"Carrow Bridge", Region::EnglandWales},   {u"Dunmere", Region::EnglandWales},
    {u"Pellingham", Region::EnglandWales},      {u"Llanfarren", Region::EnglandWales},
    {u"Cwmderyn", Region::EnglandWales},        {u"Oakhollow", Region::EnglandWales},
    {u"Saltmarsh End", Region::EnglandWales},   {u"Fennick Green", Region::EnglandWales},
    {u"Glenarrow", Region::Scotland},           {u"Kinlochbrae", Region::Scotland},
    {u"Strathmoine", Region::Scotland},         {u"Inverculloch", Region::Scotland},
    {u"Ballydrennan", Region::NorthernIreland}, {u"Drumcallow", Region::NorthernIreland},
    {u"Carnmoyle", Region::NorthernIreland},    {u"Lisdarragh", Region::NorthernIreland},
}};

constexpr std::array kSaints {u"Aldric", u"Brannoc", u"Edwold",  u"Cuthwin", u"Ebba",
                              u"Wenna",  u"Osmund",  u"Elfleda", u"Kenelm",  u"Ivo"};
constexpr std::array kTownPlaces {u"%1 Children's Home",     u"%1 Residential School",  u"%1 Youth Club",
                                  u"%1 Foster Care Service", u"%1 Boarding School",     u"%1 Sports Academy",
                                  u"%1 Borough Council",     u"%1 Scout and Guide Hut", u"%1 Boys' Home"};
constexpr std::array kSaintPlaces {u"St %1's School", u"St %1's Children's Home", u"St %1's Church Choir"};

constexpr std::array kRolesAtPlace {u"a staff member",       u"a care worker",    u"a teacher",
                                    u"a sports coach",       u"a volunteer",      u"a foster carer",
                                    u"the head of the home", u"an older resident"};
constexpr std::array kToldWho {u"a teacher", u"a social worker", u"a relative", u"a friend", u"a GP"};
constexpr std::array kWishes {
    u"The client would like an acknowledgement and an apology.",
    u"The client would like the institution to change how it protects children.",
    u"The client would like help to pay for counselling.",
    u"The client wants to understand why nobody acted at the time.",
};
constexpr std::array kAbuseTypes {u"sexual", u"physical", u"emotional", u"neglect"};
constexpr std::array kStreets {u"Mill Lane",       u"Church Road", u"Station Road", u"Orchard Close",
                               u"Victoria Street", u"Park View",   u"The Crescent", u"Meadow Way"};
constexpr std::array kCodeWords {u"bluebell", u"lighthouse", u"marmalade", u"kestrel", u"juniper", u"harbour"};
constexpr std::array kTimesToAvoid {u"", u"weekday evenings after 6pm", u"before 10am", u"weekends",
                                    u"school pick-up time (3–4pm)"};
constexpr std::array kWhoKnows {u"", u"partner knows; children do not", u"nobody at home knows",
                                u"sister knows and is supportive"};
constexpr std::array kInsurers {u"Kestrel Mutual Insurance", u"Greyfriars Indemnity Ltd", u"Harbourgate Insurance plc"};
constexpr std::array kNoteTexts {
    u"Initial call with the client; agreed to speak again next week at a safe time.",
    u"Requested care records; the holder says they will reply within 28 days.",
    u"Client prefers morning calls and written updates by email.",
    u"Sent the client-care letter and funding information.",
    u"Client asked for a female caseworker; noted on the file.",
    u"GP records requested with the client's signed consent.",
};
constexpr std::array kSensitiveNotes {
    u"The client talked about how they are coping at the moment; see the safeguarding screen.",
    u"The client gave more detail about what happened; recorded in the account.",
};
constexpr std::array kGeneralTasks {u"Request records from the institution",
                                    u"Book a call with the client (safe times only)", u"Chase the GP records",
                                    u"Send the client-care letter", u"Review the file with the supervisor"};

// Stage weights (percent).
constexpr std::array<std::pair<Stage, int>, 11> kStageWeights {{
    {Stage::Enquiry, 12},
    {Stage::Intake, 10},
    {Stage::Engagement, 10},
    {Stage::Investigation, 15},
    {Stage::Experts, 10},
    {Stage::LetterOfClaim, 10},
    {Stage::Negotiation, 8},
    {Stage::Proceedings, 8},
    {Stage::TrialPreparation, 4},
    {Stage::Resolution, 5},
    {Stage::Closed, 8},
}};

QString s(const char16_t* text)
{
    return QString::fromUtf16(text);
}

QString nicknameOf(const QString& first)
{
    for (const auto& [full, nick] : kNicknames) {
        if (first == s(full)) {
            return s(nick);
        }
    }
    return {};
}

QString jsonList(const QStringList& list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QStringList listFromJson(const QString& text)
{
    QStringList out;
    for (const QJsonValue& v : QJsonDocument::fromJson(text.toUtf8()).array()) {
        out << v.toString();
    }
    return out;
}

QString jsonObject(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// SQLite receives NULL for a null QString: NOT NULL text columns get "" instead.
QString nn(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QString dateText(const QDate& d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

QDateTime at(const QDate& day, int minutes)
{
    return QDateTime(day, QTime(8, 0).addSecs(minutes * 60), Qt::UTC);
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------
// The generator

struct DemoCases::Pools {
    struct Abuser {
        QString name;
        QStringList aliases;
    };
    std::vector<Abuser> abusers;
    std::vector<std::pair<QString, Region>> institutions;
    std::vector<QStringList> institutionAliases;
};

DemoCases::DemoCases(quint32 seed) : m_rng(seed), m_pools(std::make_unique<Pools>())
{
    // Institutions: every invented town with every kind of place, and the saints' schools and homes.
    for (const Town& town : kTowns) {
        for (const char16_t* place : kTownPlaces) {
            m_pools->institutions.emplace_back(s(place).arg(s(town.name)), town.region);
            m_pools->institutionAliases.emplace_back();
        }
    }
    for (std::size_t i = 0; i < kSaints.size(); ++i) {
        for (const char16_t* place : kSaintPlaces) {
            const Town& town = kTowns[(i * 7) % kTowns.size()];
            const QString name = s(place).arg(s(kSaints[i]));
            m_pools->institutions.emplace_back(name, town.region);
            // The long form as an alias, so "Saint Aldric's School" finds "St Aldric's School".
            m_pools->institutionAliases.push_back(
                {QString(name).replace(QStringLiteral("St "), QStringLiteral("Saint "))});
        }
    }
    // Alleged abusers: a fixed pool (so the same person appears on several cases, as in real group claims),
    // drawn from the same generator first so that the cases that follow depend only on the seed.
    constexpr int kAbuserPool = 20000;
    m_pools->abusers.reserve(kAbuserPool);
    for (int i = 0; i < kAbuserPool; ++i) {
        const QString first = s(kFirstNames[pick(kFirstNames.size())]);
        const QString last = surname();
        Pools::Abuser a {first + QLatin1Char(' ') + last, {}};
        const QString nick = nicknameOf(first);
        if (!nick.isEmpty() && chance(40)) {
            a.aliases << nick + QLatin1Char(' ') + last;
        }
        m_pools->abusers.push_back(std::move(a));
    }
}

DemoCases::~DemoCases() = default;

QString DemoCases::surname()
{
    if (chance(55)) {
        // Common surnames, the first ones more often (the smaller of two draws).
        const quint32 a = pick(kSurnames.size());
        const quint32 b = pick(kSurnames.size());
        return s(kSurnames[std::min(a, b)]);
    }
    const QString start = s(kSurnameStarts[pick(kSurnameStarts.size())]);
    return start + s(kSurnameEnds[pick(kSurnameEnds.size())]);
}

quint32 DemoCases::pick(quint32 n)
{
    return n == 0 ? 0 : static_cast<quint32>(m_rng() % n);
}

bool DemoCases::chance(int percent)
{
    return static_cast<int>(pick(100)) < percent;
}

std::size_t DemoCases::institutionIndex()
{
    // Skewed towards the first institutions: a few places are named in many claims.
    const quint32 n = static_cast<quint32>(m_pools->institutions.size());
    const quint32 a = pick(n);
    const quint32 b = pick(n);
    return std::min(a, b);
}

DemoCase DemoCases::next()
{
    ++m_index;
    DemoCase d;
    NewCase& in = d.input;
    Client& c = in.client;

    // The client.
    const QString first = s(kFirstNames[pick(kFirstNames.size())]);
    const QString last = surname();
    c.fullName = first + QLatin1Char(' ') + last;
    if (chance(15)) {
        const QString middle = s(kFirstNames[pick(kFirstNames.size())]);
        if (middle != first) {
            c.fullName = first + QLatin1Char(' ') + middle + QLatin1Char(' ') + last;
        }
    }
    if (const QString nick = nicknameOf(first); !nick.isEmpty() && chance(50)) {
        c.preferredName = nick;
    }
    if (chance(25)) {
        c.formerNames << first + QLatin1Char(' ') + surname();
        if (chance(20)) {
            c.formerNames << s(kFirstNames[pick(kFirstNames.size())]) + QLatin1Char(' ') + last;
        }
        c.formerNames.removeDuplicates();
        c.formerNames.removeAll(c.fullName);
    }
    // One draw either way (the rest of the sequence is unchanged): most clients are born 1950-2003, one in ten
    // 2004-2009, young enough that a childhood claim's limitation date is still ahead.
    const quint32 born = pick(365 * 60);
    c.dateOfBirth = born < 365 * 54 ? QDate(1950, 1, 1).addDays(born) : QDate(2004, 1, 1).addDays(born - 365 * 54);
    c.dateOfBirthVerified = chance(60);
    if (chance(30)) {
        static const std::array pronouns {u"she/her", u"he/him", u"they/them"};
        c.pronouns = s(pronouns[pick(pronouns.size())]);
    }
    c.phone = QStringLiteral("07700 900%1").arg(pick(1000), 3, 10, QLatin1Char('0'));  // Ofcom's range for drama
    c.email = QStringLiteral("client%1@example.org").arg(m_index);
    const Town& home = kTowns[pick(kTowns.size())];
    c.address = QStringLiteral("%1 %2, %3").arg(1 + pick(120)).arg(s(kStreets[pick(kStreets.size())]), s(home.name));
    c.safeContact.phone = chance(80);
    c.safeContact.voicemail = c.safeContact.phone && chance(50);
    c.safeContact.text = chance(60);
    c.safeContact.email = chance(70);
    c.safeContact.post = chance(40);
    if (!c.safeContact.post && chance(50)) {
        c.safeContact.neverWriteTo << c.address;
    }
    if (chance(30)) {
        c.safeContact.codeWord = s(kCodeWords[pick(kCodeWords.size())]);
    }
    c.safeContact.timesToAvoid = s(kTimesToAvoid[pick(kTimesToAvoid.size())]);
    c.safeContact.whoAtHomeKnows = s(kWhoKnows[pick(kWhoKnows.size())]);
    if (chance(10)) {
        c.preferredCaseworkerGender = chance(70) ? QStringLiteral("female") : QStringLiteral("male");
    }
    if (chance(5)) {
        c.interpreterLanguage = chance(50) ? QStringLiteral("Polish") : QStringLiteral("Welsh");
    }
    c.capacityConcern = chance(3);

    // The case.
    const quint32 who = pick(100);
    in.feeEarner = who < 45 ? DemoCases::kSolicitor : who < 85 ? DemoCases::kParalegal : DemoCases::kSupervisor;
    in.supervisor = DemoCases::kSupervisor;
    in.openedOn = QDate(2015, 1, 1).addDays(pick(365 * 11));
    in.funding = static_cast<Funding>(pick(6));
    in.restricted = chance(2);
    if (in.restricted) {
        in.feeEarner = DemoCases::kSolicitor;
        if (chance(30)) {
            d.namedUsers << DemoCases::kParalegal;
        }
    }
    int roll = static_cast<int>(pick(100));
    for (const auto& [stage, weight] : kStageWeights) {
        if (roll < weight) {
            d.input.stage = stage;
            break;
        }
        roll -= weight;
    }
    if (d.input.stage == Stage::Closed) {
        d.closedOn = std::min(in.openedOn.addDays(365 + pick(365 * 4)), QDate(2025, 12, 31));
        static const std::array outcomes {u"Settled", u"Discontinued", u"Judgment for the claimant"};
        d.outcome = s(outcomes[pick(outcomes.size())]);
    }

    // Incidents and parties.
    const int incidents = chance(80) ? 1 : chance(85) ? 2 : 3;
    QStringList abuserNames;
    QStringList institutionNames;
    for (int i = 0; i < incidents; ++i) {
        Incident inc;
        const std::size_t k = institutionIndex();
        const QString institution = m_pools->institutions[k].first;
        const Region region = m_pools->institutions[k].second;
        if (!institutionNames.contains(institution)) {
            institutionNames << institution;
            in.parties.push_back({Party {0, PartyKind::Organisation, institution, m_pools->institutionAliases[k]},
                                  PartyRole::Institution});
        }
        const int abusers = chance(80) ? 1 : 2;
        for (int a = 0; a < abusers; ++a) {
            const Pools::Abuser& abuser = m_pools->abusers[pick(static_cast<quint32>(m_pools->abusers.size()))];
            inc.perpetrators << abuser.name;
            if (!abuserNames.contains(abuser.name)) {
                abuserNames << abuser.name;
                in.parties.push_back({Party {0, PartyKind::Person, abuser.name, abuser.aliases}, PartyRole::Abuser});
            }
        }
        inc.institutions << institution;
        const int age = 5 + static_cast<int>(pick(13));
        // Never after the demo's "today" (27 Nov 2026): a young client's abuse happened in the past.
        const QDate start = std::min(c.dateOfBirth.addYears(age).addDays(pick(365)), QDate(2026, 6, 30));
        const quint32 p = pick(100);
        inc.startPrecision = p < 20 ? DatePrecision::Day
            : p < 50                ? DatePrecision::Month
            : p < 90                ? DatePrecision::Year
                                    : DatePrecision::Approximate;
        inc.endPrecision = inc.startPrecision;
        switch (inc.startPrecision) {
        case DatePrecision::Day: inc.start = start; break;
        case DatePrecision::Month: inc.start = QDate(start.year(), start.month(), 1); break;
        case DatePrecision::Year:
        case DatePrecision::Approximate: inc.start = QDate(start.year(), 1, 1); break;
        }
        if (chance(70)) {
            const QDate endDay = std::min(start.addDays(30 + pick(365 * 4)), QDate(2026, 9, 30));
            inc.end = inc.startPrecision == DatePrecision::Day ? endDay
                : inc.startPrecision == DatePrecision::Month   ? QDate(endDay.year(), endDay.month(), 1)
                                                               : QDate(endDay.year(), 1, 1);
        }
        inc.abuseTypes << s(kAbuseTypes[pick(kAbuseTypes.size())]);
        if (chance(40)) {
            inc.abuseTypes << s(kAbuseTypes[pick(kAbuseTypes.size())]);
            inc.abuseTypes.removeDuplicates();
        }
        inc.region = region;
        inc.location = institution.section(QLatin1Char(' '), 0, 0) == QStringLiteral("St")
            ? QString()
            : institution.section(QLatin1Char(' '), 0, 0);
        if (chance(30)) {
            inc.reportedToPolice = true;
            inc.policeReportDate = std::min(in.openedOn, start.addYears(5 + static_cast<int>(pick(20))));
            inc.policeForce = s(kTowns[pick(kTowns.size())].name) + QStringLiteral(" Police (fictional)");
            inc.crimeReference = QStringLiteral("CR/%1/%2").arg(inc.policeReportDate.year()).arg(10000 + pick(90000));
            static const std::array statuses {u"No further action", u"Convicted", u"Awaiting a charging decision",
                                              u"Acquitted"};
            inc.prosecutionStatus = s(statuses[pick(statuses.size())]);
        }
        in.incidents.push_back(std::move(inc));
    }
    if (chance(10)) {
        in.parties.push_back(
            {Party {0, PartyKind::Organisation, s(kInsurers[pick(kInsurers.size())]), {}}, PartyRole::Insurer});
    }
    in.limbs.push_back(ClaimLimb::VicariousLiability);
    if (chance(40)) {
        in.limbs.push_back(ClaimLimb::AgainstAbuser);
    }
    if (chance(30)) {
        in.limbs.push_back(ClaimLimb::InstitutionalNegligence);
    }
    if (chance(30)) {
        in.limbs.push_back(ClaimLimb::Cica);
    }

    // The account: a few neutral sentences, never detail.
    if (chance(90)) {
        const Incident& firstIncident = in.incidents.front();
        const int fromYear = firstIncident.start.year();
        const int toYear = firstIncident.end.isValid() ? firstIncident.end.year() : fromYear;
        QStringList sentences;
        sentences << (toYear > fromYear
                          ? QStringLiteral("The client described abuse by %1 at %2 between %3 and %4.")
                                .arg(s(kRolesAtPlace[pick(kRolesAtPlace.size())]), institutionNames.front())
                                .arg(fromYear)
                                .arg(toYear)
                          : QStringLiteral("The client described abuse by %1 at %2 in %3.")
                                .arg(s(kRolesAtPlace[pick(kRolesAtPlace.size())]), institutionNames.front())
                                .arg(fromYear));
        sentences << (chance(40) ? QStringLiteral("The client did not tell anyone at the time.")
                                 : QStringLiteral("The client first told %1 in %2.")
                                       .arg(s(kToldWho[pick(kToldWho.size())]))
                                       .arg(toYear + 1 + static_cast<int>(pick(15))));
        if (chance(50)) {
            sentences << QStringLiteral("Records from the period are held by %1.").arg(institutionNames.front());
        }
        sentences << s(kWishes[pick(kWishes.size())]);
        in.account = sentences.join(QLatin1Char(' '));
    }

    // The safeguarding screen and consent.
    SafeguardingScreen& sg = in.safeguarding;
    const QDateTime opened = at(in.openedOn, static_cast<int>(pick(480)));
    if (chance(85)) {
        sg.askedAtUtc = opened;
        sg.askedBy = in.feeEarner;
        const quint32 t = pick(100);
        sg.suicidalThoughts = t < 80 ? SuicidalThoughts::None
            : t < 95                 ? SuicidalThoughts::Passive
                                     : SuicidalThoughts::Active;
        sg.plan = false;
        sg.selfHarm = chance(3);
        sg.currentAbuse = chance(1);
        sg.abuserHasAccessToChildren = chance(4);
        sg.abuserInPositionOfTrust = chance(10);
    }
    in.consent.processingForClaim = true;
    in.consent.contact = chance(90);
    in.consent.recordedAtUtc = opened;
    in.consent.recordedBy = in.feeEarner;

    // Tasks and notes.
    const QString owner = in.feeEarner;
    if (sg.seriousRisk()) {
        Task urgent;
        urgent.title = QStringLiteral("URGENT safeguarding: %1 — review today and record the action taken")
                           .arg(sg.seriousRiskReasons().join(QStringLiteral(", ")));
        urgent.due = in.openedOn;
        urgent.assignee = in.supervisor;
        urgent.urgent = true;
        urgent.kind = TaskKind::Safeguarding;
        if (chance(60) || d.input.stage == Stage::Closed) {
            urgent.done = true;
            d.safeguardingAction
                = QStringLiteral("The supervisor spoke with the client the same day; the client agreed "
                                 "to contact their GP and has the Samaritans' number.");
        } else {
            d.safeguardingAlert = true;
        }
        d.tasks.push_back(std::move(urgent));
    } else if (sg.suicidalThoughts == SuicidalThoughts::NotAsked) {
        Task screen;
        screen.title = QStringLiteral("Complete the safeguarding screen");
        screen.due = in.openedOn;
        screen.assignee = owner;
        screen.kind = TaskKind::Safeguarding;
        screen.done = d.input.stage == Stage::Closed;
        d.tasks.push_back(std::move(screen));
    }
    Task limitation;
    limitation.title = QStringLiteral("Verify the limitation date (provisional)");
    limitation.due = QDate(2025, 6, 1).addDays(pick(1200));
    limitation.assignee = owner;
    limitation.kind = TaskKind::Limitation;
    limitation.done = d.input.stage == Stage::Closed || d.input.stage == Stage::Resolution;
    d.tasks.push_back(std::move(limitation));
    const int general = static_cast<int>(pick(3));
    for (int i = 0; i < general; ++i) {
        Task t;
        t.title = s(kGeneralTasks[pick(kGeneralTasks.size())]);
        t.due = in.openedOn.addDays(7 + pick(400));
        t.assignee = chance(70) ? owner : DemoCases::kParalegal;
        t.done = d.input.stage == Stage::Closed || chance(40);
        d.tasks.push_back(std::move(t));
    }
    for (Task& t : d.tasks) {
        t.createdAtUtc = opened;
        t.createdBy = owner;
    }
    const int notes = static_cast<int>(pick(4));
    for (int i = 0; i < notes; ++i) {
        Note n;
        const QDate day = in.openedOn.addDays(1 + pick(300));  // one draw per statement: a fixed order
        n.atUtc = at(day, static_cast<int>(pick(480)));
        n.author = owner;
        n.sensitive = chance(15);
        n.text
            = n.sensitive ? s(kSensitiveNotes[pick(kSensitiveNotes.size())]) : s(kNoteTexts[pick(kNoteTexts.size())]);
        d.notes.push_back(std::move(n));
    }
    return d;
}

// ---------------------------------------------------------------------------------------------------------
// Writing

namespace {

class BulkWriter {
public:
    BulkWriter(sql::Connection& db, QString prefix) : m_db(db), m_prefix(std::move(prefix)) { }

    Result<void> prepare()
    {
        const std::array<std::pair<sql::Statement*, const char*>, 11> statements {{
            {&m_client,
             "INSERT INTO clients (full_name, preferred_name, former_names, date_of_birth, dob_verified, pronouns, "
             "phone, "
             "email, address, safe_phone, safe_voicemail, safe_text, safe_email, safe_post, never_write_to, code_word, "
             "times_to_avoid, who_knows, caseworker_gender, communication_needs, interpreter_language, "
             "capacity_concern, "
             "litigation_friend) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
             "?18, "
             "?19, ?20, ?21, ?22, ?23)"},
            {&m_case,
             "INSERT INTO cases (reference, client_id, fee_earner, supervisor, stage, limbs, funding, opened_on, "
             "closed_on, "
             "outcome, restricted, account, safeguarding, safeguarding_alert, safeguarding_action, consent, version, "
             "created_at, created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
             "?12, "
             "?13, ?14, ?15, ?16, 1, ?17, ?18, ?17, ?18)"},
            {&m_incident,
             "INSERT INTO incidents (case_id, start_date, start_precision, end_date, end_precision, abuse_types, "
             "perpetrators, institutions, location, region, reported_to_police, police_report_date, police_force, "
             "crime_reference, prosecution_status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
             "?14, "
             "?15)"},
            {&m_party, "INSERT INTO parties (kind, name, aliases) VALUES (?1, ?2, ?3)"},
            {&m_caseParty, "INSERT OR IGNORE INTO case_parties (case_id, party_id, role) VALUES (?1, ?2, ?3)"},
            {&m_note, "INSERT INTO notes (case_id, at, author, sensitive, text) VALUES (?1, ?2, ?3, ?4, ?5)"},
            {&m_task,
             "INSERT INTO tasks (case_id, title, due_on, assignee, done, urgent, kind, created_at, created_by, "
             "done_at, "
             "done_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"},
            {&m_access, "INSERT OR IGNORE INTO case_access (case_id, username) VALUES (?1, ?2)"},
            {&m_sequence, "INSERT OR REPLACE INTO case_sequences (prefix, year, next) VALUES (?1, ?2, ?3)"},
            {&m_sequenceRead, "SELECT next FROM case_sequences WHERE prefix = ?1 AND year = ?2"},
            {&m_taken, "SELECT 1 FROM cases WHERE reference = ?1"},
        }};
        for (const auto& [statement, text] : statements) {
            auto prepared = m_db.prepare(text);
            if (!prepared) {
                return prepared.error();
            }
            *statement = std::move(*prepared);
        }
        // Parties already in the vault are reused by kind and name, as CaseService does.
        auto existing = m_db.prepare("SELECT id, kind, name, aliases FROM parties");
        if (!existing) {
            return existing.error();
        }
        while (true) {
            auto row = existing->step();
            if (!row) {
                return row.error();
            }
            if (!*row) {
                break;
            }
            m_parties.insert(existing->text(1) + QLatin1Char('\n') + existing->text(2).toLower(),
                             {existing->int64(0), listFromJson(existing->text(3))});
        }
        return {};
    }

    Result<void> write(const DemoCase& d)
    {
        const NewCase& in = d.input;
        const Client& c = in.client;
        m_client.reset();
        m_client.bind(1, c.fullName)
            .bind(2, nn(c.preferredName))
            .bind(3, jsonList(c.formerNames))
            .bind(4, dateText(c.dateOfBirth))
            .bind(5, c.dateOfBirthVerified)
            .bind(6, nn(c.pronouns))
            .bind(7, nn(c.phone))
            .bind(8, nn(c.email))
            .bind(9, nn(c.address))
            .bind(10, c.safeContact.phone)
            .bind(11, c.safeContact.voicemail)
            .bind(12, c.safeContact.text)
            .bind(13, c.safeContact.email)
            .bind(14, c.safeContact.post)
            .bind(15, jsonList(c.safeContact.neverWriteTo))
            .bind(16, nn(c.safeContact.codeWord))
            .bind(17, nn(c.safeContact.timesToAvoid))
            .bind(18, nn(c.safeContact.whoAtHomeKnows))
            .bind(19, nn(c.preferredCaseworkerGender))
            .bind(20, nn(c.communicationNeeds))
            .bind(21, nn(c.interpreterLanguage))
            .bind(22, c.capacityConcern)
            .bind(23, nn(c.litigationFriend));
        if (auto ran = m_client.run(); !ran) {
            return ran.error();
        }
        const qint64 clientId = m_db.lastInsertRowId();

        auto reference = nextReference(in.openedOn.year());
        if (!reference) {
            return reference.error();
        }
        QStringList limbs;
        for (ClaimLimb l : in.limbs) {
            limbs << limbId(l);
        }
        const QString created = at(in.openedOn, 60).toString(Qt::ISODateWithMs);
        m_case.reset();
        m_case.bind(1, *reference)
            .bind(2, clientId)
            .bind(3, in.feeEarner)
            .bind(4, nn(in.supervisor))
            .bind(5, stageId(d.input.stage))
            .bind(6, jsonList(limbs))
            .bind(7, fundingId(in.funding))
            .bind(8, dateText(in.openedOn))
            .bind(9, dateText(d.closedOn))
            .bind(10, nn(d.outcome))
            .bind(11, in.restricted)
            .bind(12, nn(in.account))
            .bind(13, jsonObject(in.safeguarding.toJson()))
            .bind(14, d.safeguardingAlert)
            .bind(15, nn(d.safeguardingAction))
            .bind(16, jsonObject(in.consent.toJson()))
            .bind(17, created)
            .bind(18, in.feeEarner);
        if (auto ran = m_case.run(); !ran) {
            return ran.error();
        }
        const qint64 caseId = m_db.lastInsertRowId();

        for (const Incident& i : in.incidents) {
            m_incident.reset();
            m_incident.bind(1, caseId)
                .bind(2, dateText(i.start))
                .bind(3, precisionId(i.startPrecision))
                .bind(4, dateText(i.end))
                .bind(5, precisionId(i.endPrecision))
                .bind(6, jsonList(i.abuseTypes))
                .bind(7, jsonList(i.perpetrators))
                .bind(8, jsonList(i.institutions))
                .bind(9, nn(i.location))
                .bind(10, regionId(i.region))
                .bind(11, i.reportedToPolice)
                .bind(12, dateText(i.policeReportDate))
                .bind(13, nn(i.policeForce))
                .bind(14, nn(i.crimeReference))
                .bind(15, nn(i.prosecutionStatus));
            if (auto ran = m_incident.run(); !ran) {
                return ran.error();
            }
        }

        QStringList partyText;
        for (const CaseParty& cp : in.parties) {
            auto party = partyFor(cp.party);
            if (!party) {
                return party.error();
            }
            m_caseParty.reset();
            if (auto ran = m_caseParty.bind(1, caseId).bind(2, party->first).bind(3, partyRoleId(cp.role)).run();
                !ran) {
                return ran.error();
            }
            partyText << cp.party.name << party->second;
        }

        for (const Note& n : d.notes) {
            m_note.reset();
            if (auto ran = m_note.bind(1, caseId)
                               .bind(2, n.atUtc.toString(Qt::ISODateWithMs))
                               .bind(3, n.author)
                               .bind(4, n.sensitive)
                               .bind(5, n.text)
                               .run();
                !ran) {
                return ran.error();
            }
        }
        for (const Task& t : d.tasks) {
            m_task.reset();
            m_task.bind(1, caseId)
                .bind(2, t.title)
                .bind(3, dateText(t.due))
                .bind(4, nn(t.assignee))
                .bind(5, t.done)
                .bind(6, t.urgent)
                .bind(7, taskKindId(t.kind))
                .bind(8, t.createdAtUtc.toString(Qt::ISODateWithMs))
                .bind(9, t.createdBy);
            if (t.done) {
                m_task.bind(10, t.createdAtUtc.addDays(3).toString(Qt::ISODateWithMs)).bind(11, t.assignee);
            } else {
                m_task.bindNull(10).bindNull(11);
            }
            if (auto ran = m_task.run(); !ran) {
                return ran.error();
            }
        }
        for (const QString& user : d.namedUsers) {
            m_access.reset();
            if (auto ran = m_access.bind(1, caseId).bind(2, user).run(); !ran) {
                return ran.error();
            }
        }

        // The search entry through the same function as CaseService (tst_case_import compares the two).
        QStringList names {c.fullName, nn(c.preferredName)};
        names << c.formerNames;
        return CaseSearchIndex::write(m_db, caseId, *reference, names, partyText);
    }

    Result<void> finish()
    {
        for (auto it = m_next.constBegin(); it != m_next.constEnd(); ++it) {
            m_sequence.reset();
            if (auto ran = m_sequence.bind(1, m_prefix).bind(2, it.key()).bind(3, it.value()).run(); !ran) {
                return ran.error();
            }
        }
        return {};
    }

private:
    Result<QString> nextReference(int year)
    {
        auto it = m_next.find(year);
        if (it == m_next.end()) {
            m_sequenceRead.reset();
            m_sequenceRead.bind(1, m_prefix).bind(2, year);
            auto row = m_sequenceRead.step();
            if (!row) {
                return row.error();
            }
            it = m_next.insert(year, *row ? m_sequenceRead.int64(0) : 1);
        }
        while (true) {
            const QString candidate
                = QStringLiteral("%1-%2-%3").arg(m_prefix).arg(year).arg(*it, 4, 10, QLatin1Char('0'));
            ++*it;
            m_taken.reset();
            m_taken.bind(1, candidate);
            auto hit = m_taken.step();
            if (!hit) {
                return hit.error();
            }
            if (!*hit) {
                return candidate;
            }
        }
    }

    // The party's id and its aliases as stored (the first case to name a party sets them).
    Result<std::pair<qint64, QStringList>> partyFor(const Party& p)
    {
        const QString kind = p.kind == PartyKind::Person ? QStringLiteral("person") : QStringLiteral("organisation");
        const QString key = kind + QLatin1Char('\n') + p.name.toLower();
        if (auto it = m_parties.constFind(key); it != m_parties.constEnd()) {
            return *it;
        }
        m_party.reset();
        if (auto ran = m_party.bind(1, kind).bind(2, p.name).bind(3, jsonList(p.aliases)).run(); !ran) {
            return ran.error();
        }
        const qint64 id = m_db.lastInsertRowId();
        m_parties.insert(key, {id, p.aliases});
        return std::pair<qint64, QStringList> {id, p.aliases};
    }

    sql::Connection& m_db;
    QString m_prefix;
    sql::Statement m_client, m_case, m_incident, m_party, m_caseParty, m_note, m_task, m_access, m_sequence,
        m_sequenceRead, m_taken;
    QHash<QString, std::pair<qint64, QStringList>> m_parties;  // "kind\nlower-case name"
    QHash<int, qint64> m_next;
};

}  // namespace

Result<int> DemoCases::write(Vault& vault, int count, quint32 seed)
{
    if (count < 0) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("The number of demo cases cannot be negative."));
    }
    DemoCases generator(seed);
    return writeEach(vault, count, seed, [&generator](int) { return generator.next(); });
}

Result<int> DemoCases::write(Vault& vault, const std::vector<DemoCase>& cases)
{
    return writeEach(vault, static_cast<int>(cases.size()), 0,
                     [&cases](int i) { return cases[static_cast<std::size_t>(i)]; });
}

Result<int> DemoCases::writeEach(Vault& vault, int count, quint32 seed, const std::function<DemoCase(int)>& caseAt)
{
    if (auto ready = vault.requireReady(); !ready) {
        return ready.error();
    }
    CaseService cases(vault);
    if (!cases.canSeeCaseContent()) {
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("Demo cases are written by a user who may open cases, not by an admin."));
    }
    sql::Connection& db = vault.connection();
    auto tx = sql::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    BulkWriter writer(db, cases.referencePrefix());
    if (auto prepared = writer.prepare(); !prepared) {
        return prepared.error();
    }
    for (int i = 0; i < count; ++i) {
        if (auto written = writer.write(caseAt(i)); !written) {
            return written.error();
        }
    }
    if (auto finished = writer.finish(); !finished) {
        return finished.error();
    }
    if (auto logged = vault.audit(QStringLiteral("demo.generate"), QStringLiteral("cases"), QString(),
                                  {{QStringLiteral("cases"), count},
                                   {QStringLiteral("seed"), static_cast<qint64>(seed)},
                                   {QStringLiteral("fictional"), true}});
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return count;
}

QByteArray DemoCases::importCsv(int rows, quint32 seed)
{
    DemoCases generator(seed);
    QString text = Csv::formatRecord(CaseImport::columns());
    const QString separator = QStringLiteral("; ");
    for (int i = 0; i < rows; ++i) {
        const DemoCase d = generator.next();
        const NewCase& in = d.input;
        QStringList abusers;
        QStringList institutions;
        for (const CaseParty& cp : in.parties) {
            if (cp.role == PartyRole::Abuser) {
                abusers << cp.party.name;
            } else if (cp.role == PartyRole::Institution) {
                institutions << cp.party.name;
            }
        }
        const Incident& inc = in.incidents.front();
        const QString form = inc.startPrecision == DatePrecision::Day ? QStringLiteral("yyyy-MM-dd")
            : inc.startPrecision == DatePrecision::Month              ? QStringLiteral("yyyy-MM")
                                                                      : QStringLiteral("yyyy");
        text
            += Csv::formatRecord({in.client.fullName, in.client.preferredName, in.client.formerNames.join(separator),
                                  in.client.dateOfBirth.toString(Qt::ISODate), stageId(d.input.stage), in.feeEarner,
                                  abusers.join(separator), institutions.join(separator), inc.abuseTypes.join(separator),
                                  inc.start.toString(form), inc.end.isValid() ? inc.end.toString(form) : QString(),
                                  precisionId(inc.startPrecision), regionId(inc.region), in.account});
    }
    return text.toUtf8();
}

}  // namespace claimdesk::core
