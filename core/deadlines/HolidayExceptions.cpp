// The built-in table of one-off changes to the UK bank-holiday standing rules (DOMAIN.md §5.2).
//
// This file is DATA: one row per change, each with its source. The rules that turn it into calendars live in
// HolidayCalendar.cpp and never mention a particular year.
//
// Any change to kRows MUST bump kTableVersion: the version is stored with each computed deadline, and a new
// version is what triggers recomputation (DOMAIN.md P10). tst_holidays pins a fingerprint of the table to
// catch a forgotten bump.

#include "deadlines/HolidayCalendar.h"

#include <iterator>
#include <utility>

namespace claimdesk::core::deadlines {

namespace {

constexpr char kTableVersion[] = "uk-2026.1";

// The regions a row applies to. A UK-wide proclamation is one row for all three regions.
enum RegionSet : unsigned {
    kEnglandWales = 1U << 0U,
    kScotland = 1U << 1U,
    kNorthernIreland = 1U << 2U,
    kScotlandAndNi = kScotland | kNorthernIreland,
    kUk = kEnglandWales | kScotland | kNorthernIreland,
};

using Kind = HolidayException::Kind;

struct Row {
    unsigned regions;  // RegionSet bits
    Kind kind;
    const char* from;  // ISO date: Move/Remove, the standing-rule date affected; "" for Add
    const char* to;  // ISO date: Move/Add, the date observed instead / in addition; "" for Remove
    const char* name;  // the name of the `to` day (UTF-8)
    const char* source;
};

constexpr char kU13[] = "UNVERIFIED (DOMAIN U13)";  // the wording DOMAIN.md §5.2 asks for
constexpr char kGovUk2012[] = "gov.uk 2012 lists, all three regions (alphagov/calendars data)";
constexpr char kGovUk2020[] = "gov.uk 2020 lists, all three regions (DOMAIN S52)";
constexpr char kGovUk2022[] = "gov.uk 2022 lists, all three regions (DOMAIN S52)";
constexpr char kGovUk2023[] = "gov.uk 2023 lists, all three regions (DOMAIN S52)";

// clang-format off
constexpr Row kRows[] = {
    // 1995: VE Day 50th anniversary — early May bank holiday moved from Mon 1 May to Mon 8 May.
    {kUk, Kind::Move, "1995-05-01", "1995-05-08", "Early May bank holiday (VE day)", kU13},
    // 1999: Millennium — extra bank holiday Fri 31 Dec.
    {kUk, Kind::Add, "", "1999-12-31", "Millennium bank holiday", kU13},
    // 2002: Golden Jubilee — spring bank holiday moved from Mon 27 May to Tue 4 Jun; extra Mon 3 Jun.
    {kUk, Kind::Move, "2002-05-27", "2002-06-04", "Spring bank holiday", kU13},
    {kUk, Kind::Add, "", "2002-06-03", "Queen's Golden Jubilee", kU13},
    // 2011: Royal Wedding — extra bank holiday Fri 29 Apr.
    {kEnglandWales, Kind::Add, "", "2011-04-29", "Royal wedding", "gov.uk archive table (DOMAIN S52)"},
    {kScotlandAndNi, Kind::Add, "", "2011-04-29", "Royal wedding",
     "UNVERIFIED (UK-wide proclamation; gov.uk 2011 Scotland/NI lists not retrieved)"},
    // 2012: Diamond Jubilee — spring bank holiday moved from Mon 28 May to Mon 4 Jun; extra Tue 5 Jun.
    {kUk, Kind::Move, "2012-05-28", "2012-06-04", "Spring bank holiday", kGovUk2012},
    {kUk, Kind::Add, "", "2012-06-05", "Queen's Diamond Jubilee", kGovUk2012},
    // 2020: VE Day 75th anniversary — early May bank holiday moved from Mon 4 May to Fri 8 May.
    {kUk, Kind::Move, "2020-05-04", "2020-05-08", "Early May bank holiday (VE day)", kGovUk2020},
    // 2022: Platinum Jubilee — spring bank holiday moved from Mon 30 May to Thu 2 Jun; extra Fri 3 Jun.
    {kUk, Kind::Move, "2022-05-30", "2022-06-02", "Spring bank holiday", kGovUk2022},
    {kUk, Kind::Add, "", "2022-06-03", "Platinum Jubilee bank holiday", kGovUk2022},
    // 2022: State Funeral of Queen Elizabeth II — extra bank holiday Mon 19 Sep.
    {kUk, Kind::Add, "", "2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II", kGovUk2022},
    // 2023: Coronation of King Charles III — extra bank holiday Mon 8 May.
    {kUk, Kind::Add, "", "2023-05-08", "Bank holiday for the coronation of King Charles III", kGovUk2023},
    // 2026: Scotland only — extra bank holiday Mon 15 Jun (FIFA World Cup). Not in DOMAIN.md §5.2.
    {kScotland, Kind::Add, "", "2026-06-15", "World Cup bank holiday",
     "UNVERIFIED (gov.uk Scotland 2026 list as reproduced in copies of the gov.uk feed; confirm on gov.uk)"},
};
// clang-format on

QDate isoDate(const char* text)
{
    return QDate::fromString(QString::fromLatin1(text), Qt::ISODate);  // "" gives an invalid (null) date
}

}  // namespace

QString HolidayCalendar::builtInTableVersion()
{
    return QString::fromLatin1(kTableVersion);
}

QList<HolidayException> HolidayCalendar::builtInExceptions()
{
    // One HolidayException per row and region, in table order, regions in the order E&W, Scotland, NI.
    QList<HolidayException> out;
    out.reserve(static_cast<qsizetype>(std::size(kRows)) * 3);
    for (const Row& row : kRows) {
        const QDate from = isoDate(row.from);
        const QDate to = isoDate(row.to);
        const int year = to.isValid() ? to.year() : from.year();
        const std::pair<unsigned, Region> regions[] = {{kEnglandWales, Region::EnglandWales},
                                                       {kScotland, Region::Scotland},
                                                       {kNorthernIreland, Region::NorthernIreland}};
        for (const auto& [bit, region] : regions) {
            if ((row.regions & bit) != 0) {
                out.append(
                    {year, region, row.kind, from, to, QString::fromUtf8(row.name), QString::fromUtf8(row.source)});
            }
        }
    }
    return out;
}

}  // namespace claimdesk::core::deadlines
