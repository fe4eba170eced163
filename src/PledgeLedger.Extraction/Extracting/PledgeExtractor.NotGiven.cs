using System.Text.RegularExpressions;

namespace PledgeLedger.Extraction;

public sealed partial class PledgeExtractor
{
    // "$5.6 billion was needed", "EUR 3 bn is required": a need, not a gift.
    [GeneratedRegex(@"^\s*(?:\([^)]{0,40}\)\s*)?(?:is|are|was|were|would\s+be|will\s+be|is\s+still|are\s+still)\s+(?:urgently\s+|still\s+|now\s+)?(?:needed|required|necessary|lacking|missing)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NeededAfter();

    // "a financial ceiling of EUR 5.7 bn", "capped at": the size of an instrument, not a sum given.
    [GeneratedRegex(@"\b(?:ceiling|cap|limit|envelope|capacity)\s+(?:of|at)\s+(?:up\s+to\s+|about\s+|around\s+)?$|\bcapped\s+at\s+$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CeilingBefore();

    // "C$20 million for tank maintenance", "drone production", "Patriot sustainment": the item is serviced or made, not given.
    [GeneratedRegex(@"^\s+(?:maintenance|repairs?|sustainment|procurement|production|manufactur\w*|overhaul|servicing|industry|industries|factor(?:y|ies)|plants?|makers?|manufacturers?|producers?)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ServicedAfter();

    // "needs such as air defence, artillery and armoured vehicles": a list of what is needed, not of what is given. The
    // verb "needs to" is not such a list ("will deliver the equipment Ukraine needs to defend itself, including ...").
    [GeneratedRegex(@"\bneeds?\b(?!\s+to\b)[^.;:]{0,30}?\b(?:such\s+as|like|including|includ(?:e|es|ed)|notably|in\s+particular)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NeedsList();

    // "the Croatian company DOK-ING", "a German firm": a nationality naming a maker, not a donor.
    [GeneratedRegex(@"^\s+(?:company|companies|firm|firms|manufacturer|manufacturers|maker|makers|producer|producers|contractor|contractors|start-?ups?|arms\s+(?:maker|makers|manufacturer|manufacturers|company|firm)|defen[cs]e\s+(?:company|companies|firm|firms|group|contractor|manufacturer))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MakerAfter();

    // Unnamed givers: "equipment from foreign partners", "by donors".
    [GeneratedRegex(@"\b(?:from|by)\s+(?:(?:our|its|their|the|various|other|several|many|foreign|international|western|Western|European)\s+){0,2}(?:partners|allies|donors|donor\s+countries)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnnamedGivers();

    // A sale, not a gift: what follows a sentence about one inherits nothing from it.
    [GeneratedRegex(@"\b(?:(?:possible|potential|proposed|approved|foreign\s+military)\s+(?:\w+\s+){0,2}sales?|FMS|sold|selling)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SaleContext();

    // "the importance of sustained munition supplies", "a shortage of shells": what is lacking, not what is given.
    [GeneratedRegex(@"\b(?:importance|need|needs|demand|demands|shortage|shortages|lack|scarcity|requests?|requirement|requirements)\s+(?:of|for)\s+(?:[\w-]+\s+){0,2}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LackBefore();

    // "spare parts for various equipment and vehicles": the vehicles are what the parts are for.
    [GeneratedRegex(@"\b(?:spare\s+)?(?:parts|spares)\s+for\s+(?:various\s+|other\s+|all\s+|the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}(?:and\s+|or\s+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PartsForBefore();

    // "were unable to reach agreement on the tranche", "failed to agree": nothing was decided.
    [GeneratedRegex(@"\b(?:unable|failed|fail|fails)\s+to\s+(?:reach\s+(?:an?\s+)?(?:agreement|consensus|a\s+deal)|agree)|\bno\s+(?:agreement|consensus)\s+(?:was|has\s+been|could\s+be)\s+reached|\bcould\s+not\s+agree",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoAgreement();

    // "agreed to scour their arsenals for more air defence", "look into their inventories": a search, not a gift.
    [GeneratedRegex(@"\b(?:scour\w*|look(?:s|ed|ing)?\s+(?:again\s+)?(?:into|through|at)|search\w*|comb(?:s|ed|ing)?(?:\s+through)?|check(?:s|ed|ing)?|review(?:s|ed|ing)?)\s+(?:their|its|national|member\s+states'|allies')\s+(?:own\s+)?(?:arsenals?|inventor(?:y|ies)|stocks?|stockpiles?|warehouses?)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SearchStocks();

    // "NOK 5 bn to developing countries": money for other countries hit by the war, not for Ukraine.
    [GeneratedRegex(@"^\s+(?:[\w-]+\s+){0,3}?(?:to|for)\s+(?:the\s+)?(?:developing|other|neighbou?ring|third|poorer|poor|low-income|vulnerable)\s+(?:countries|nations|states)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherCountriesAfter();

    // "F-35 fighter jets for the Royal Canadian Air Force", "for its own army": the donor's own forces.
    [GeneratedRegex(@"^\s+(?:[\w-]+\s+){0,3}?for\s+(?:the\s+|its\s+|their\s+)?(?:own\s+)?(?:Royal\s+)?(?!Ukrain)(?:[A-Z][\w-]+\s+){0,2}(?:Air\s+Force|Army|Navy|Armed\s+Forces|Bundeswehr|Marines)\b(?!\s+of\s+Ukraine)",
        RegexOptions.CultureInvariant)]
    private static partial Regex OwnForcesAfter();

    // "Slovakia, alongside Poland, has ...": a donor named in an aside beside the subject is not the giver of the clause.
    [GeneratedRegex(@",\s*(?:alongside|along\s+with|like|unlike|as\s+did|similar\s+to|together\s+with)\s+(?:the\s+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsideDonorBefore();

    // "EUR 200 mln from the Netherlands for drone interceptors": the item is what the sum buys, recorded with the sum.
    [GeneratedRegex(@"^[^,;.]{0,40}?\b(?:for|toward|towards|to\s+(?:buy|purchase|procure|acquire))\s+(?:the\s+)?(?:purchase\s+of\s+|procurement\s+of\s+)?(?:[\w-]+\s+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PurposeGap();

    // "funding to help Ukraine procure long-range drones": money for a purchase, not the items given.
    [GeneratedRegex(@"\b(?:funding|funds|money|financing|financial\s+support|support)\s+(?:to|for)\s+(?:help(?:ing)?\s+(?:\w+\s+){1,2}?)?(?:to\s+)?(?:procure|buy|purchase|produce|acquire|build|make|procurement\s+of|purchase\s+of|production\s+of)\s+$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FundedPurchaseBefore();

    // "purchases that would facilitate a transfer of Gripen", "to pave the way for a future delivery of": a step towards a
    // transfer not yet decided, not the system given; so is "the ability to donate Gripens at a later stage".
    [GeneratedRegex(@"\b(?:facilitat\w*|enabl\w*|(?:pave|paves|paving)\s+the\s+way\s+(?:for|to)|make\s+possible)\s+(?:an?\s+|the\s+)?(?:future\s+|possible\s+|later\s+|eventual\s+)?(?:transfer|delivery|donation|handover|supply)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$|\b(?:ability|option|possibility)\s+to\s+(?:later\s+)?(?:donate|send|transfer|supply|deliver|give)\s+(?:the\s+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnablesLaterTransfer();

    // "special armoured vehicles, the 'Mastiff'": the catalog name in apposition names the item.
    [GeneratedRegex(@"^\s*,\s*(?:(?:the|a|an)\s+['‘’""“]?|['‘’""“])$", RegexOptions.CultureInvariant)]
    private static partial Regex AppositionGap();

    // "60 pallets of medical supplies, donated by Australian citizens": a private gift the government only carries.
    [GeneratedRegex(@"^\s*,?\s*(?:donated|given|collected|funded|paid\s+for)\s+by\s+(?:(?:\w+\s+){0,2}(?:citizens|residents|individuals|volunteers|companies|businesses|charities|NGOs|the\s+public|private\s+donors|diaspora|people))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PrivateGiftAfter();

    // "including additional Leopard-2 tanks" in a sentence with a sum: a named system the package includes.
    [GeneratedRegex(@"\b(?:including|includes|include|included)\s+(?:(?:additional|more|new|further|the\s+first|its\s+first)\s+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IncludingBefore();

    // "155 mm and 105 mm artillery ammunition": a calibre coordinated before an item's own calibre.
    [GeneratedRegex(@"(?<cal>\d{2,3}(?:[.,]\d)?)\s?-?mm\s*(?:,|and|or|&)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CalibreBefore();

    [GeneratedRegex(@"^\d{2,3}(?:[.,]\d)?\s?-?mm\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CalibreStart();

    // "ammunition for High Mobility Artillery Rocket Systems (HIMARS)": the system the ammunition is for, named in brackets.
    [GeneratedRegex(@"\b(?:ammunition|rounds|munitions|missiles|rockets|shells|parts|spares|maintenance|training)\s+for\s+(?:the\s+|its\s+|their\s+)?(?:[A-Z][\w-]*\s+){1,6}\($",
        RegexOptions.CultureInvariant)]
    private static partial Regex SupportedInBrackets();

    private sealed partial class SentenceState
    {
        /// <summary>"155 mm and 105 mm artillery ammunition" is two items: the coordinated calibre takes the rest of the name.</summary>
        private void SplitCoordinatedCalibres(string str)
        {
            var n = _equipment.Count;
            for (var i = 0; i < n; i++)
            {
                var e = _equipment[i];
                if (e.Item is null || e.Quantity is not null) continue;
                var own = CalibreStart().Match(e.Item);
                if (!own.Success) continue;
                var before = CalibreBefore().Match(str, Math.Max(0, e.Start - 16), Math.Min(16, e.Start));
                if (!before.Success || before.Index + before.Length != e.Start) continue;
                var item = before.Groups["cal"].Value + " mm" + e.Item[own.Length..];
                _equipment.Add(new EquipmentMention(before.Index, before.Index + before.Length, OpenSystem, null, false, false, item, e.ItemCategory));
            }
        }

        /// <summary>
        /// Drops the sums and items of a sentence that it names without giving them: a need ("$X was needed"), the ceiling of
        /// an instrument, an item serviced or produced ("tank maintenance", "drone production"), a list of needs ("needs
        /// such as ..."), an abbreviation in brackets restating the item before it ("armoured personnel carriers (APCs)"), and
        /// a sum in hryvnias with no foreign donor in the sentence (Ukraine's own money).
        /// </summary>
        private void DropNotGiven(string str)
        {
            // Stem searches first: the regexes run only on the few sentences and spans that can match them.
            var whole = str.AsSpan();
            if ((whole.IndexOfAny(AgreementStems) >= 0 && NoAgreement().IsMatch(str)) || (whole.IndexOfAny(StockStems) >= 0 && SearchStocks().IsMatch(str)))
            {
                _money.Clear();
                _equipment.Clear();
                return;
            }
            for (var i = _money.Count - 1; i >= 0; i--)
            {
                var m = _money[i];
                var tail = str.AsSpan(m.End, Math.Min(60, str.Length - m.End));
                var head = str.AsSpan(Math.Max(0, m.Start - 40), Math.Min(40, m.Start));
                if ((tail.IndexOfAny(NeedWords) >= 0 && NeededAfter().IsMatch(tail)) || (head.IndexOfAny(CeilingStems) >= 0 && CeilingBefore().IsMatch(head))
                    || (m.Currency == "UAH" && !NamesGiver()) || (tail.IndexOfAny(OtherCountryWords) >= 0 && OtherCountriesAfter().IsMatch(tail)))
                {
                    _money.RemoveAt(i);
                }
            }
            if (_equipment.Count == 0) return;
            var needs = TextSearch.ContainsIgnoreCase(str, "need") ? NeedsList().Match(str) : Match.Empty;
            for (var i = _equipment.Count - 1; i >= 0; i--)
            {
                var e = _equipment[i];
                var after = str.AsSpan(e.End, Math.Min(60, str.Length - e.End));
                var before = str.AsSpan(Math.Max(0, e.Start - 80), Math.Min(80, e.Start));
                var near = before[Math.Max(0, before.Length - 60)..];
                if ((needs.Success && e.Start >= needs.Index + needs.Length)
                    || ServicedAfter().IsMatch(after)
                    || (TextSearch.ContainsIgnoreCase(after, " for ") && OwnForcesAfter().IsMatch(after))
                    || (TextSearch.ContainsIgnoreCase(after, " by ") && PrivateGiftAfter().IsMatch(after))
                    || (near.IndexOfAny(LackStems) >= 0 && LackBefore().IsMatch(near[Math.Max(0, near.Length - 40)..]))
                    || (e.Item is not null && near.IndexOfAny(PartsStems) >= 0 && PartsForBefore().IsMatch(near[Math.Max(0, near.Length - 50)..]))
                    || (e.Item is not null && e.Quantity is null && NamedInApposition(str, e.End))
                    || (e.Item is null && e.Quantity is null && before.EndsWith("(") && SupportedInBrackets().IsMatch(before))
                    || (e.Item is not null && e.Quantity is null && IsBareCatchAll(e.Item))
                    || (e.Quantity is null && near.IndexOfAny(FundStems) >= 0 && FundedPurchaseBefore().IsMatch(near))
                    || (e.Quantity is null && e.Item is not null && BoughtBySum(str, e.Start))
                    || (e.Item is not null && IsBracketedRestatement(str, e))
                    || (e.Quantity is null && near.IndexOfAny(EnableStems) >= 0 && EnablesLaterTransfer().IsMatch(near)))
                {
                    _equipment.RemoveAt(i);
                }
            }
        }

        // The words NeededAfter and OtherCountriesAfter end on: a tail without them is neither.
        private static readonly System.Buffers.SearchValues<string> NeedWords = System.Buffers.SearchValues.Create(
            ["needed", "required", "necessary", "lacking", "missing"], StringComparison.OrdinalIgnoreCase);

        private static readonly System.Buffers.SearchValues<string> OtherCountryWords =
            System.Buffers.SearchValues.Create(["countries", "nations", "states"], StringComparison.OrdinalIgnoreCase);

        private static readonly System.Buffers.SearchValues<string> AgreementStems =
            System.Buffers.SearchValues.Create(["agree", "consensus"], StringComparison.OrdinalIgnoreCase);

        private static readonly System.Buffers.SearchValues<string> StockStems =
            System.Buffers.SearchValues.Create(["arsenal", "inventor", "stock", "warehouse"], StringComparison.OrdinalIgnoreCase);

        private static readonly System.Buffers.SearchValues<string> CeilingStems =
            System.Buffers.SearchValues.Create(["ceiling", "cap", "limit", "envelope"], StringComparison.OrdinalIgnoreCase);

        private static readonly System.Buffers.SearchValues<string> LackStems = System.Buffers.SearchValues.Create(
            ["importance", "need", "demand", "shortage", "lack", "scarcity", "request", "requirement"], StringComparison.OrdinalIgnoreCase);

        private static readonly System.Buffers.SearchValues<string> EnableStems =
            System.Buffers.SearchValues.Create(["facilitat", "enabl", "pave the way", "paving the way", "make possible", "ability", "option", "possibility"], StringComparison.OrdinalIgnoreCase);

        private static readonly System.Buffers.SearchValues<string> PartsStems =
            System.Buffers.SearchValues.Create(["parts", "spares"], StringComparison.OrdinalIgnoreCase);

        private static readonly System.Buffers.SearchValues<string> FundStems =
            System.Buffers.SearchValues.Create(["fund", "money", "financ", "support"], StringComparison.OrdinalIgnoreCase);

        /// <summary>Whether the uncounted item at <paramref name="start"/> is what a sum of the sentence is for.</summary>
        private bool BoughtBySum(string str, int start)
        {
            foreach (var m in _money)
            {
                if (m.End <= start && start - m.End <= 60 && PurposeGap().IsMatch(str.AsSpan(m.End, start - m.End))) return true;
            }
            return false;
        }

        /// <summary>A bare "vehicles" names a kind of aid, not an item ("a package covering air defence, artillery and vehicles").</summary>
        private static bool IsBareCatchAll(string item) =>
            item.Equals("vehicles", StringComparison.OrdinalIgnoreCase) || item.Equals("vehicle", StringComparison.OrdinalIgnoreCase);

        private bool NamedInApposition(string str, int end)
        {
            foreach (var o in _equipment)
            {
                if (o.Item is null && o.Start > end && o.Start - end <= 8 && AppositionGap().IsMatch(str.AsSpan(end, o.Start - end))) return true;
            }
            return false;
        }

        /// <summary>Whether a named catalog system without a count is one the sentence's package includes ("EUR 1 bn ...,
        /// including additional Leopard 2 tanks"), rather than what a sum is for.</summary>
        private static bool IncludedBySum(string str, int start) =>
            IncludingBefore().IsMatch(str.AsSpan(Math.Max(0, start - 40), Math.Min(40, start)));

        private static readonly System.Buffers.SearchValues<string> GiverStems =
            System.Buffers.SearchValues.Create(["partners", "allies", "donors", "donor countries"], StringComparison.OrdinalIgnoreCase);

        private static bool NamesUnnamedGivers(string sentence) => sentence.AsSpan().IndexOfAny(GiverStems) >= 0 && UnnamedGivers().IsMatch(sentence);

        private bool NamesGiver()
        {
            foreach (var d in _donors)
            {
                if (!d.Object && !Lexicon.IsNonDonor(d.Donor)) return true;
            }
            return false;
        }

        private bool IsBracketedRestatement(string str, EquipmentMention e)
        {
            var open = e.Start - 1;
            while (open >= 0 && str[open] == ' ') open--;
            if (open < 0 || str[open] != '(' || e.End >= str.Length || str[e.End] != ')') return false;
            var before = open - 1;
            while (before >= 0 && str[before] == ' ') before--;
            foreach (var o in _equipment)
            {
                if (o.Start != e.Start && o.End <= before + 1 && before + 1 - o.End <= 40) return true;
            }
            return false;
        }
    }
}
