// The 63 provinces of Viet Nam: code, Vietnamese name, 2019 census population.
// Copied from the project's spec (province-codes.csv) so that the tool runs without it.
// The code is the 2-digit administrative code used in province_code columns and in
// digits 2-3 of the 12-digit personal identification number.

/// One of Viet Nam's 63 provinces and centrally run cities.
public struct Province: Sendable, Hashable {
    /// The 2-digit administrative code, 1...96.
    public let code: UInt8
    /// The name in Vietnamese, NFC.
    public let name: String
    /// Population at the 2019 census, used to weight generated data.
    public let population2019: Int

    /// The code as the two ASCII digits the interchange files use.
    public var codeText: String { code < 10 ? "0\(code)" : "\(code)" }
}

extension Province {
    /// All provinces in code order.
    public static let all: [Province] = [
        Province(code: 1, name: "Hà Nội", population2019: 8053663),
        Province(code: 2, name: "Hà Giang", population2019: 854679),
        Province(code: 4, name: "Cao Bằng", population2019: 530341),
        Province(code: 6, name: "Bắc Kạn", population2019: 313905),
        Province(code: 8, name: "Tuyên Quang", population2019: 784811),
        Province(code: 10, name: "Lào Cai", population2019: 730420),
        Province(code: 11, name: "Điện Biên", population2019: 598856),
        Province(code: 12, name: "Lai Châu", population2019: 460196),
        Province(code: 14, name: "Sơn La", population2019: 1248415),
        Province(code: 15, name: "Yên Bái", population2019: 821030),
        Province(code: 17, name: "Hòa Bình", population2019: 854131),
        Province(code: 19, name: "Thái Nguyên", population2019: 1286751),
        Province(code: 20, name: "Lạng Sơn", population2019: 781655),
        Province(code: 22, name: "Quảng Ninh", population2019: 1320324),
        Province(code: 24, name: "Bắc Giang", population2019: 1803950),
        Province(code: 25, name: "Phú Thọ", population2019: 1463726),
        Province(code: 26, name: "Vĩnh Phúc", population2019: 1151154),
        Province(code: 27, name: "Bắc Ninh", population2019: 1368840),
        Province(code: 30, name: "Hải Dương", population2019: 1892254),
        Province(code: 31, name: "Hải Phòng", population2019: 2028514),
        Province(code: 33, name: "Hưng Yên", population2019: 1252731),
        Province(code: 34, name: "Thái Bình", population2019: 1860447),
        Province(code: 35, name: "Hà Nam", population2019: 852800),
        Province(code: 36, name: "Nam Định", population2019: 1780393),
        Province(code: 37, name: "Ninh Bình", population2019: 982487),
        Province(code: 38, name: "Thanh Hóa", population2019: 3640128),
        Province(code: 40, name: "Nghệ An", population2019: 3327791),
        Province(code: 42, name: "Hà Tĩnh", population2019: 1288866),
        Province(code: 44, name: "Quảng Bình", population2019: 895430),
        Province(code: 45, name: "Quảng Trị", population2019: 632375),
        Province(code: 46, name: "Thừa Thiên Huế", population2019: 1128620),
        Province(code: 48, name: "Đà Nẵng", population2019: 1134310),
        Province(code: 49, name: "Quảng Nam", population2019: 1495812),
        Province(code: 51, name: "Quảng Ngãi", population2019: 1231697),
        Province(code: 52, name: "Bình Định", population2019: 1486918),
        Province(code: 54, name: "Phú Yên", population2019: 872964),
        Province(code: 56, name: "Khánh Hòa", population2019: 1231107),
        Province(code: 58, name: "Ninh Thuận", population2019: 590467),
        Province(code: 60, name: "Bình Thuận", population2019: 1230808),
        Province(code: 62, name: "Kon Tum", population2019: 540438),
        Province(code: 64, name: "Gia Lai", population2019: 1513847),
        Province(code: 66, name: "Đắk Lắk", population2019: 1869322),
        Province(code: 67, name: "Đắk Nông", population2019: 622168),
        Province(code: 68, name: "Lâm Đồng", population2019: 1296906),
        Province(code: 70, name: "Bình Phước", population2019: 994679),
        Province(code: 72, name: "Tây Ninh", population2019: 1169165),
        Province(code: 74, name: "Bình Dương", population2019: 2426561),
        Province(code: 75, name: "Đồng Nai", population2019: 3097107),
        Province(code: 77, name: "Bà Rịa - Vũng Tàu", population2019: 1148313),
        Province(code: 79, name: "Hồ Chí Minh", population2019: 8993082),
        Province(code: 80, name: "Long An", population2019: 1688547),
        Province(code: 82, name: "Tiền Giang", population2019: 1764185),
        Province(code: 83, name: "Bến Tre", population2019: 1288463),
        Province(code: 84, name: "Trà Vinh", population2019: 1009168),
        Province(code: 86, name: "Vĩnh Long", population2019: 1022791),
        Province(code: 87, name: "Đồng Tháp", population2019: 1599504),
        Province(code: 89, name: "An Giang", population2019: 1908352),
        Province(code: 91, name: "Kiên Giang", population2019: 1723067),
        Province(code: 92, name: "Cần Thơ", population2019: 1235171),
        Province(code: 93, name: "Hậu Giang", population2019: 733017),
        Province(code: 94, name: "Sóc Trăng", population2019: 1199653),
        Province(code: 95, name: "Bạc Liêu", population2019: 907236),
        Province(code: 96, name: "Cà Mau", population2019: 1194476),
    ]

    // Index by code for O(1) validation of 2-digit codes.
    private static let byCode: [Province?] = {
        var table = [Province?](repeating: nil, count: 100)
        for province in all { table[Int(province.code)] = province }
        return table
    }()

    /// The province with this code, or nil if no province has it.
    public static func withCode(_ code: Int) -> Province? {
        guard code >= 0 && code < 100 else { return nil }
        return byCode[code]
    }

    /// Whether `code` names one of the 63 provinces.
    public static func isValid(code: Int) -> Bool { withCode(code) != nil }
}
