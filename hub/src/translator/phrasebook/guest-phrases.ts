// What a guest says to the staff, for the guest page's chips (and the staff tablet, where a guest at
// the front desk can point at one). Written as a guest would say it, politely: usted, Sie, vous, Lei,
// Вы, 您, です・ます, 요, siz; Modern Standard Arabic.
//
// Where a language would make the speaker's gender show ("Soy vegetariano/a", "Я заказывал/а"), the
// phrase is put another way that fits everyone ("Sigo una dieta vegetariana", "Это не мой заказ").
// Where the blank would need a case or an article the guest cannot see coming ("allergique à/aux"), it
// follows a colon instead. A typed phrase must never read like a staff phrase once punctuation is
// dropped ("Does this dish contain nuts?" beside "This dish contains nuts."): the tests check it.
import type { Phrase } from './phrases.ts';

export const GUEST_PHRASES: readonly Phrase[] = [
  // bill
  { id: 'guest-bill-please', category: 'bill', audience: 'guest', text: {
    en: 'Could we have the bill, please?', ru: 'Принесите, пожалуйста, счёт.', es: '¿Nos trae la cuenta, por favor?',
    de: 'Könnten wir bitte die Rechnung haben?', fr: "L'addition, s'il vous plaît.", it: 'Il conto, per favore.',
    zh: '麻烦帮我们结账。', ar: 'الفاتورة من فضلك.', tr: 'Hesabı alabilir miyiz, lütfen?',
    ja: 'お会計をお願いします。', ko: '계산서 주세요.' } },
  { id: 'guest-pay-by-card', category: 'bill', audience: 'guest', text: {
    en: 'Can I pay by card?', ru: 'Можно оплатить картой?', es: '¿Puedo pagar con tarjeta?', de: 'Kann ich mit Karte bezahlen?',
    fr: 'Puis-je payer par carte ?', it: 'Posso pagare con la carta?', zh: '可以刷卡吗？', ar: 'هل يمكنني الدفع بالبطاقة؟',
    tr: 'Kartla ödeyebilir miyim?', ja: 'カードで支払いできますか？', ko: '카드로 결제할 수 있나요?' } },
  { id: 'guest-pay-separately', category: 'bill', audience: 'guest', text: {
    en: 'Can we pay separately?', ru: 'Можно оплатить раздельно?', es: '¿Podemos pagar por separado?',
    de: 'Können wir getrennt bezahlen?', fr: 'Pouvons-nous payer séparément ?', it: 'Possiamo pagare separatamente?',
    zh: '我们可以分开付吗？', ar: 'هل يمكن أن يدفع كلٌّ منا على حدة؟', tr: 'Ayrı ayrı ödeyebilir miyiz?',
    ja: 'お会計は別々にできますか？', ko: '따로 계산할 수 있나요?' } },

  // allergies
  { id: 'guest-allergic-to', category: 'allergies', audience: 'guest', text: {
    en: 'I am allergic to {allergen}.', ru: 'У меня аллергия на {allergen}.', es: 'Tengo alergia a {allergen}.',
    de: 'Ich habe eine Allergie gegen {allergen}.', fr: "J'ai une allergie : {allergen}.", it: "Ho un'allergia: {allergen}.",
    zh: '我对{allergen}过敏。', ar: 'لديّ حساسية من {allergen}.', tr: '{allergen} alerjim var.',
    ja: '{allergen}のアレルギーがあります。', ko: '저는 {allergen} 알레르기가 있어요.' } },
  { id: 'guest-contains-nuts', category: 'allergies', audience: 'guest', text: {
    en: 'Does this dish contain nuts?', ru: 'Скажите, пожалуйста, в этом блюде есть орехи?', es: '¿Este plato lleva frutos secos?',
    de: 'Enthält dieses Gericht Nüsse?', fr: 'Y a-t-il des fruits à coque dans ce plat ?', it: "C'è frutta a guscio in questo piatto?",
    zh: '这道菜含有坚果吗？', ar: 'هل يحتوي هذا الطبق على مكسرات؟', tr: 'Bu yemekte kuruyemiş var mı?',
    ja: 'この料理にナッツは入っていますか？', ko: '이 요리에 견과류가 들어 있나요?' } },
  { id: 'guest-contains-gluten', category: 'allergies', audience: 'guest', text: {
    en: 'Does this dish contain gluten?', ru: 'Скажите, пожалуйста, в этом блюде есть глютен?', es: '¿Este plato lleva gluten?',
    de: 'Enthält dieses Gericht Gluten?', fr: 'Y a-t-il du gluten dans ce plat ?', it: "C'è glutine in questo piatto?",
    zh: '这道菜含有麸质吗？', ar: 'هل يحتوي هذا الطبق على الغلوتين؟', tr: 'Bu yemekte gluten var mı?',
    ja: 'この料理にグルテンは入っていますか？', ko: '이 요리에 글루텐이 들어 있나요?' } },
  { id: 'guest-vegetarian', category: 'allergies', audience: 'guest', text: {
    en: 'I am vegetarian.', ru: 'Я не ем ни мяса, ни рыбы.', es: 'Sigo una dieta vegetariana.', de: 'Ich esse vegetarisch.',
    fr: 'Je ne mange ni viande ni poisson.', it: 'Seguo una dieta vegetariana.', zh: '我是素食者。',
    ar: 'لا آكل اللحوم ولا الأسماك.', tr: 'Vejetaryenim.', ja: '私はベジタリアンです。', ko: '저는 채식주의자예요.' } },
  { id: 'guest-vegan', category: 'allergies', audience: 'guest', text: {
    en: 'I am vegan.', ru: 'Я не ем никаких продуктов животного происхождения.', es: 'Sigo una dieta vegana.', de: 'Ich esse vegan.',
    fr: "Je ne mange aucun produit d'origine animale.", it: 'Seguo una dieta vegana.', zh: '我是纯素食者，不吃任何动物制品。',
    ar: 'لا آكل أي منتجات حيوانية.', tr: 'Veganım.', ja: '私はヴィーガンです。', ko: '저는 비건이에요.' } },

  // ordering
  { id: 'guest-water-please', category: 'ordering', audience: 'guest', text: {
    en: 'Some water, please.', ru: 'Воды, пожалуйста.', es: 'Agua, por favor.', de: 'Ein Wasser, bitte.',
    fr: "De l'eau, s'il vous plaît.", it: "Dell'acqua, per favore.", zh: '请给我一杯水。', ar: 'بعض الماء من فضلك.',
    tr: 'Su alabilir miyim, lütfen?', ja: 'お水をお願いします。', ko: '물 좀 주세요.' } },
  { id: 'guest-another-one', category: 'ordering', audience: 'guest', text: {
    en: 'Another one of these, please.', ru: 'Ещё одну такую же порцию, пожалуйста.', es: 'Otro igual, por favor.',
    de: 'Noch eins davon, bitte.', fr: "La même chose, s'il vous plaît.", it: 'Un altro di questi, per favore.',
    zh: '请再来一份这个。', ar: 'أريد واحداً آخر من هذا من فضلك.', tr: 'Bundan bir tane daha, lütfen.',
    ja: 'これをもう一つお願いします。', ko: '이거 하나 더 주세요.' } },
  { id: 'guest-menu-in-english', category: 'ordering', audience: 'guest', text: {
    en: 'Could I have the menu in English, please?', ru: 'Можно меню на английском языке?',
    es: '¿Me puede traer la carta en inglés, por favor?', de: 'Könnte ich bitte die Speisekarte auf Englisch bekommen?',
    fr: "Pourrais-je avoir la carte en anglais, s'il vous plaît ?", it: 'Potrei avere il menù in inglese, per favore?',
    zh: '可以给我一份英文菜单吗？', ar: 'هل يمكنني الحصول على قائمة الطعام باللغة الإنجليزية من فضلك؟',
    tr: 'İngilizce menüyü alabilir miyim, lütfen?', ja: '英語のメニューをいただけますか？', ko: '영어 메뉴판 좀 주시겠어요?' } },
  { id: 'guest-not-what-i-ordered', category: 'ordering', audience: 'guest', text: {
    en: 'Excuse me, this is not what I ordered.', ru: 'Извините, это не мой заказ.', es: 'Disculpe, esto no es lo que pedí.',
    de: 'Entschuldigung, das habe ich nicht bestellt.', fr: "Excusez-moi, ce n'est pas ce que j'ai commandé.",
    it: 'Mi scusi, non è quello che ho ordinato.', zh: '不好意思，这不是我点的菜。', ar: 'عذراً، هذا ليس ما طلبته.',
    tr: 'Affedersiniz, bunu sipariş etmedim.', ja: 'すみません、これは注文したものと違います。', ko: '죄송한데, 이건 제가 주문한 게 아니에요.' } },

  // courtesy: calling someone over, and the short answers to a staff member's question
  { id: 'guest-excuse-me', category: 'courtesy', audience: 'guest', text: {
    en: 'Excuse me!', ru: 'Извините, можно вас?', es: '¡Disculpe!', de: 'Entschuldigung!', fr: 'Excusez-moi !', it: 'Mi scusi!',
    zh: '您好，麻烦过来一下。', ar: 'عذراً، لو سمحت!', tr: 'Bakar mısınız?', ja: 'すみません！', ko: '저기요!' } },
  { id: 'guest-yes-please', category: 'courtesy', audience: 'guest', text: {
    en: 'Yes, please.', ru: 'Да, пожалуйста.', es: 'Sí, por favor.', de: 'Ja, bitte.', fr: "Oui, s'il vous plaît.", it: 'Sì, grazie.',
    zh: '好的，谢谢。', ar: 'نعم، من فضلك.', tr: 'Evet, lütfen.', ja: 'はい、お願いします。', ko: '네, 부탁드려요.' } },
  { id: 'guest-no-thank-you', category: 'courtesy', audience: 'guest', text: {
    en: 'No, thank you.', ru: 'Нет, спасибо.', es: 'No, gracias.', de: 'Nein, danke.', fr: 'Non, merci.', it: 'No, grazie.',
    zh: '不用了，谢谢。', ar: 'لا، شكراً.', tr: 'Hayır, teşekkür ederim.', ja: 'いいえ、結構です。', ko: '아니요, 괜찮아요.' } },
  { id: 'guest-very-good', category: 'courtesy', audience: 'guest', text: {
    en: 'It is very good, thank you!', ru: 'Очень вкусно, спасибо!', es: '¡Está muy bueno, gracias!',
    de: 'Es schmeckt sehr gut, vielen Dank!', fr: "C'est très bon, merci !", it: 'È buonissimo, grazie!', zh: '非常好吃，谢谢！',
    ar: 'إنه لذيذ جداً، شكراً!', tr: 'Çok lezzetli, teşekkür ederim!', ja: 'とてもおいしいです。ありがとうございます。',
    ko: '정말 맛있어요. 감사합니다!' } },

  // waiting
  { id: 'guest-how-long', category: 'waiting', audience: 'guest', text: {
    en: 'How long will it take?', ru: 'Сколько времени это займёт?', es: '¿Cuánto tiempo tardará?', de: 'Wie lange wird es dauern?',
    fr: 'Combien de temps cela va-t-il prendre ?', it: 'Quanto tempo ci vorrà?', zh: '大概需要多长时间？',
    ar: 'كم من الوقت سيستغرق ذلك؟', tr: 'Ne kadar sürer?', ja: 'どのくらい時間がかかりますか？', ko: '얼마나 걸릴까요?' } },

  // reception
  { id: 'guest-reservation-under', category: 'reception', audience: 'guest', text: {
    en: 'I have a reservation under the name {name}.', ru: 'У меня забронировано на имя {name}.', es: 'Tengo una reserva a nombre de {name}.',
    de: 'Ich habe eine Reservierung auf den Namen {name}.', fr: "J'ai une réservation au nom de {name}.",
    it: 'Ho una prenotazione a nome {name}.', zh: '我有预订，预订人是{name}。', ar: 'لديّ حجز باسم {name}.',
    tr: '{name} adına rezervasyonum var.', ja: '{name}という名前で予約しています。', ko: '{name} 이름으로 예약했어요.' } },
  { id: 'guest-check-in-time', category: 'reception', audience: 'guest', text: {
    en: 'What time is check-in?', ru: 'Во сколько можно заселиться?', es: '¿A qué hora se puede hacer el check-in?',
    de: 'Ab wann kann ich einchecken?', fr: 'À partir de quelle heure peut-on prendre la chambre ?', it: 'A che ora è il check-in?',
    zh: '几点可以办理入住？', ar: 'في أي ساعة يمكنني تسجيل الوصول؟', tr: 'Giriş saati kaçta?',
    ja: 'チェックインは何時からですか？', ko: '체크인은 몇 시부터예요?' } },
  { id: 'guest-check-out-time', category: 'reception', audience: 'guest', text: {
    en: 'What time is check-out?', ru: 'Во сколько нужно освободить номер?', es: '¿A qué hora hay que dejar la habitación?',
    de: 'Bis wann muss ich auschecken?', fr: 'À quelle heure faut-il libérer la chambre ?', it: 'Entro che ora bisogna fare il check-out?',
    zh: '几点之前需要退房？', ar: 'في أي ساعة يجب تسجيل المغادرة؟', tr: 'Çıkış saati kaçta?',
    ja: 'チェックアウトは何時までですか？', ko: '체크아웃은 몇 시까지예요?' } },

  // amenities
  { id: 'guest-wifi-password', category: 'amenities', audience: 'guest', text: {
    en: 'What is the Wi-Fi password, please?', ru: 'Подскажите, пожалуйста, пароль от Wi-Fi.',
    es: '¿Cuál es la contraseña del wifi, por favor?', de: 'Wie lautet bitte das WLAN-Passwort?',
    fr: "Quel est le mot de passe du Wi-Fi, s'il vous plaît ?", it: 'Qual è la password del Wi-Fi, per favore?',
    zh: '请问Wi-Fi密码是多少？', ar: 'ما هي كلمة مرور الواي فاي من فضلك؟', tr: 'Wi-Fi şifresini öğrenebilir miyim?',
    ja: 'Wi-Fiのパスワードを教えていただけますか？', ko: '와이파이 비밀번호 좀 알려 주시겠어요?' } },

  // directions
  { id: 'guest-where-toilet', category: 'directions', audience: 'guest', text: {
    en: 'Where is the toilet, please?', ru: 'Подскажите, пожалуйста, где туалет?', es: '¿Dónde está el baño, por favor?',
    de: 'Wo ist bitte die Toilette?', fr: "Où sont les toilettes, s'il vous plaît ?", it: "Scusi, dov'è il bagno?",
    zh: '请问洗手间在哪里？', ar: 'أين دورة المياه من فضلك؟', tr: 'Affedersiniz, tuvalet nerede?',
    ja: 'お手洗いはどこですか？', ko: '화장실이 어디에 있나요?' } },

  // transport
  { id: 'guest-call-taxi', category: 'transport', audience: 'guest', text: {
    en: 'Could you call a taxi for me, please?', ru: 'Не могли бы вы вызвать мне такси?', es: '¿Podría pedirme un taxi, por favor?',
    de: 'Könnten Sie mir bitte ein Taxi rufen?', fr: "Pourriez-vous m'appeler un taxi, s'il vous plaît ?",
    it: 'Potrebbe chiamarmi un taxi, per favore?', zh: '可以帮我叫一辆出租车吗？', ar: 'هل يمكنك أن تطلب لي سيارة أجرة من فضلك؟',
    tr: 'Bana bir taksi çağırabilir misiniz, lütfen?', ja: 'タクシーを呼んでいただけますか？', ko: '택시 좀 불러 주시겠어요?' } },

  // help
  { id: 'guest-speak-slowly', category: 'help', audience: 'guest', text: {
    en: 'Please speak more slowly.', ru: 'Говорите, пожалуйста, помедленнее.', es: 'Hable más despacio, por favor.',
    de: 'Bitte sprechen Sie langsamer.', fr: "Parlez plus lentement, s'il vous plaît.", it: 'Parli più lentamente, per favore.',
    zh: '请说慢一点。', ar: 'هل يمكنك التحدث ببطء أكثر من فضلك؟', tr: 'Lütfen daha yavaş konuşur musunuz?',
    ja: 'もう少しゆっくり話していただけますか？', ko: '조금만 천천히 말씀해 주세요.' } },
  { id: 'guest-dont-understand', category: 'help', audience: 'guest', text: {
    en: "Sorry, I don't understand.", ru: 'Извините, я не понимаю.', es: 'Perdone, no entiendo.',
    de: 'Entschuldigung, ich verstehe das nicht.', fr: 'Excusez-moi, je ne comprends pas.', it: 'Mi scusi, non capisco.',
    zh: '不好意思，我听不懂。', ar: 'عذراً، لا أفهم.', tr: 'Affedersiniz, anlamıyorum.',
    ja: 'すみません、よくわかりません。', ko: '죄송해요, 잘 이해가 안 돼요.' } },
];
