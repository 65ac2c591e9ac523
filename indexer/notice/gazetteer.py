"""The hand gazetteer: canonical English names of the places where the trade is, their Chinese
names and what contains what (Keqiao in Shaoxing in Zhejiang in China), and the market clusters
and towns whose name is their place. The full table of divisions (``indexer.notice.divisions``) and
its English names (``indexer.notice.pinyin_names``) stand behind it for every other place.
"""

from __future__ import annotations

# canonical English name: (Chinese name, parent). Zhejiang's cities and the textile districts
# around them in detail, other provinces and the big textile cities elsewhere.
GAZETTEER: dict[str, tuple[str, str | None]] = {
    "China": ("中国", None),
    **{p: (zh, "China") for p, zh in {
        "Zhejiang": "浙江", "Jiangsu": "江苏", "Shanghai": "上海", "Beijing": "北京", "Tianjin": "天津",
        "Chongqing": "重庆", "Guangdong": "广东", "Fujian": "福建", "Shandong": "山东", "Anhui": "安徽",
        "Jiangxi": "江西", "Henan": "河南", "Hubei": "湖北", "Hunan": "湖南", "Hebei": "河北", "Shanxi": "山西",
        "Shaanxi": "陕西", "Sichuan": "四川", "Guizhou": "贵州", "Yunnan": "云南", "Guangxi": "广西",
        "Hainan": "海南", "Liaoning": "辽宁", "Jilin": "吉林", "Heilongjiang": "黑龙江", "Gansu": "甘肃",
        "Qinghai": "青海", "Ningxia": "宁夏", "Xinjiang": "新疆", "Tibet": "西藏", "Inner Mongolia": "内蒙古",
        "Hong Kong": "香港", "Macau": "澳门", "Taiwan": "台湾"}.items()},
    **{c: (zh, "Zhejiang") for c, zh in {
        "Hangzhou": "杭州", "Ningbo": "宁波", "Wenzhou": "温州", "Jiaxing": "嘉兴", "Huzhou": "湖州",
        "Shaoxing": "绍兴", "Jinhua": "金华", "Quzhou": "衢州", "Zhoushan": "舟山", "Taizhou": "台州",
        "Lishui": "丽水"}.items()},
    **{d: (zh, "Shaoxing") for d, zh in {
        "Keqiao": "柯桥", "Yuecheng": "越城", "Shangyu": "上虞", "Zhuji": "诸暨", "Shengzhou": "嵊州",
        "Xinchang": "新昌"}.items()},
    "Xiaoshan": ("萧山", "Hangzhou"), "Yuhang": ("余杭", "Hangzhou"), "Tongxiang": ("桐乡", "Jiaxing"),
    "Haining": ("海宁", "Jiaxing"), "Yiwu": ("义乌", "Jinhua"), "Changxing": ("长兴", "Huzhou"),
    **{c: (zh, "Jiangsu") for c, zh in {
        "Suzhou": "苏州", "Wuxi": "无锡", "Nantong": "南通", "Changzhou": "常州", "Nanjing": "南京"}.items()},
    "Wujiang": ("吴江", "Suzhou"), "Shengze": ("盛泽", "Wujiang"), "Changshu": ("常熟", "Suzhou"),
    "Kunshan": ("昆山", "Suzhou"), "Zhangjiagang": ("张家港", "Suzhou"), "Taicang": ("太仓", "Suzhou"),
    "Jiangyin": ("江阴", "Wuxi"), "Yixing": ("宜兴", "Wuxi"), "Humen": ("虎门", "Dongguan"),
    **{c: (zh, "Guangdong") for c, zh in {
        "Guangzhou": "广州", "Shenzhen": "深圳", "Dongguan": "东莞", "Foshan": "佛山"}.items()},
    "Jinjiang": ("晋江", "Fujian"), "Qingdao": ("青岛", "Shandong"),
    # The county-level places of Zhejiang's and Jiangsu's textile cities, and more cities where the
    # trade is (names that are also common words, such as 路桥 or 临海, or shared by two places, are left out).
    **{d: (zh, "Ningbo") for d, zh in {
        "Cixi": "慈溪", "Yuyao": "余姚", "Yinzhou": "鄞州", "Beilun": "北仑", "Zhenhai": "镇海", "Haishu": "海曙",
        "Fenghua": "奉化", "Ninghai": "宁海", "Xiangshan": "象山"}.items()},
    **{d: (zh, "Hangzhou") for d, zh in {
        "Shangcheng": "上城", "Gongshu": "拱墅", "Fuyang": "富阳", "Lin'an": "临安", "Linping": "临平",
        "Tonglu": "桐庐", "Chun'an": "淳安", "Jiande": "建德"}.items()},
    **{d: (zh, "Jiaxing") for d, zh in {
        "Nanhu": "南湖", "Xiuzhou": "秀洲", "Jiashan": "嘉善", "Haiyan": "海盐", "Pinghu": "平湖"}.items()},
    **{d: (zh, "Huzhou") for d, zh in {
        "Wuxing": "吴兴", "Nanxun": "南浔", "Deqing": "德清", "Anji": "安吉"}.items()},
    **{d: (zh, "Wenzhou") for d, zh in {
        "Lucheng": "鹿城", "Longwan": "龙湾", "Ouhai": "瓯海", "Dongtou": "洞头", "Rui'an": "瑞安", "Yueqing": "乐清",
        "Cangnan": "苍南", "Pingyang": "平阳", "Yongjia": "永嘉"}.items()},
    **{d: (zh, "Jinhua") for d, zh in {
        "Wucheng": "婺城", "Jindong": "金东", "Lanxi": "兰溪", "Dongyang": "东阳", "Yongkang": "永康",
        "Pujiang": "浦江", "Wuyi": "武义", "Pan'an": "磐安"}.items()},
    **{d: (zh, "Taizhou") for d, zh in {
        "Jiaojiang": "椒江", "Huangyan": "黄岩", "Wenling": "温岭", "Yuhuan": "玉环", "Sanmen": "三门",
        "Tiantai": "天台", "Xianju": "仙居"}.items()},
    **{d: (zh, "Lishui") for d, zh in {"Songyang": "松阳", "Qingtian": "青田", "Jinyun": "缙云"}.items()},
    **{d: (zh, "Suzhou") for d, zh in {
        "Wuzhong": "吴中", "Xiangcheng": "相城", "Gusu": "姑苏", "Huqiu": "虎丘"}.items()},
    **{d: (zh, "Wuxi") for d, zh in {
        "Huishan": "惠山", "Xishan": "锡山", "Binhu": "滨湖", "Liangxi": "梁溪", "Xinwu": "新吴"}.items()},
    **{d: (zh, "Changzhou") for d, zh in {"Wujin": "武进", "Jintan": "金坛", "Liyang": "溧阳"}.items()},
    **{d: (zh, "Nantong") for d, zh in {
        "Haimen": "海门", "Qidong": "启东", "Rugao": "如皋", "Hai'an": "海安", "Rudong": "如东"}.items()},
    **{c: (zh, "Jiangsu") for c, zh in {
        "Yangzhou": "扬州", "Yancheng": "盐城", "Xuzhou": "徐州", "Huai'an": "淮安", "Lianyungang": "连云港",
        "Suqian": "宿迁", "Zhenjiang": "镇江"}.items()},
    **{c: (zh, "Guangdong") for c, zh in {
        "Shantou": "汕头", "Jiangmen": "江门", "Huizhou": "惠州", "Zhuhai": "珠海", "Jieyang": "揭阳",
        "Chaozhou": "潮州"}.items()},
    "Puning": ("普宁", "Jieyang"),
    **{c: (zh, "Fujian") for c, zh in {"Xiamen": "厦门", "Fuzhou": "福州", "Quanzhou": "泉州"}.items()},
    "Shishi": ("石狮", "Quanzhou"), "Changle": ("长乐", "Fuzhou"),
    **{c: (zh, "Shandong") for c, zh in {"Jinan": "济南", "Yantai": "烟台", "Weifang": "潍坊", "Zibo": "淄博"}.items()},
}
# Market clusters and towns whose name is where they are: a stall holder of 中国轻纺城 is in Keqiao.
ALIASES_ZH = {"中国轻纺城": "Keqiao", "中国小商品城": "Yiwu", "中国东方丝绸市场": "Shengze", "东方丝绸市场": "Shengze",
               "织里": "Wuxing", "濮院": "Tongxiang", "许村": "Haining", "中大布匹市场": "Guangzhou"}
ALIASES_EN = {"china textile city": "Keqiao", "china commodity city": "Yiwu"}
BY_ZH = {zh: en for en, (zh, _) in GAZETTEER.items()} | {"中华人民共和国": "China", "我国": "China",
                                                          "全国": "China"} | ALIASES_ZH
BY_EN = {en.lower(): en for en in GAZETTEER} | ALIASES_EN
