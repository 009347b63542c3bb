"""First and last names by culture, so the made-up people of the demo look like a global network."""

NAMES_TEXT: dict[str, tuple[str, str]] = {
    "west_africa_fr": (
        "Aïcha, Kossi, Mariam, Koffi, Fatoumata, Sènan, Adjoa, Mamadou, Afi, Ibrahima",
        "Houngbédji, Agbodjan, Diallo, Camara, Kpodar, Adjovi, Mensah, Sow, Ngono, Fotso",
    ),
    "east_africa": (
        "Wanjiru, Otieno, Amina, Baraka, Neema, Kamau, Zawadi, Okello, Achieng, Juma",
        "Mwangi, Odhiambo, Njoroge, Kimaro, Mushi, Nakato, Ssempala, Wekesa, Chebet, Mollel",
    ),
    "nigeria": (
        "Chiamaka, Oluwaseun, Ngozi, Emeka, Aisha, Tunde, Ifeoma, Babatunde, Zainab, Chinedu",
        "Okafor, Adeyemi, Balogun, Eze, Nwosu, Abubakar, Olatunji, Okonkwo, Ibrahim, Adebayo",
    ),
    "southern_africa": (
        "Thandiwe, Sipho, Lerato, Pieter, Naledi, Tendai, Chikondi, Themba, Nomvula, Farai",
        "Dlamini, Naidoo, van der Merwe, Mokoena, Banda, Moyo, Nkosi, Phiri, Botha, Chirwa",
    ),
    "madagascar": (
        "Hery, Voahangy, Tiana, Rindra, Fara, Andry, Lalao, Mamy",
        "Rakotoarisoa, Randriamanana, Rasoanaivo, Andrianjafy, Razafindrakoto, Rabearivelo",
    ),
    "india": (
        "Priya, Arjun, Ananya, Rahul, Kavya, Vikram, Deepa, Sanjay, Lakshmi, Aditya",
        "Sharma, Iyer, Reddy, Nair, Gupta, Menon, Rao, Patel, Krishnan, Banerjee",
    ),
    "nepal": (
        "Sabina, Bikash, Sunita, Prakash, Anjana, Rajesh, Pooja, Nabin",
        "Shrestha, Gurung, Tamang, Adhikari, Thapa, Maharjan, Rai, Karki",
    ),
    "sri_lanka": (
        "Nimali, Kasun, Dilani, Tharindu, Chathurika, Ruwan, Ishara, Lahiru",
        "Perera, Fernando, Jayawardena, Wickramasinghe, Silva, Bandara, Rajapaksha, Gunasekara",
    ),
    "indonesia": (
        "Dewi, Budi, Siti, Agus, Ratna, Hendra, Putri, Wahyu",
        "Santoso, Wijaya, Hidayat, Kusuma, Nugroho, Saputra, Lestari, Setiawan",
    ),
    "japan": (
        "Yuki, Haruto, Aiko, Takeshi, Sakura, Kenji, Naoko, Hiroshi",
        "Tanaka, Suzuki, Takahashi, Watanabe, Ito, Nakamura, Kobayashi, Yamamoto",
    ),
    "korea": (
        "Ji-woo, Min-jun, Seo-yeon, Hyun-woo, Eun-ji, Dong-hyun, Soo-ah, Jae-won",
        "Kim, Lee, Park, Choi, Jung, Kang, Yoon, Lim",
    ),
    "taiwan": (
        "Mei-ling, Chih-hao, Yu-ting, Wei-jie, Hsiao-wen, Chun-yi, Pei-shan, Kuan-lin",
        "Chen, Lin, Huang, Chang, Wang, Tsai, Liu, Yang",
    ),
    "philippines": (
        "Maria Clara, Jose, Andrea, Paolo, Kristine, Miguel, Angelica, Rafael",
        "Santos, Reyes, Cruz, Bautista, Villanueva, Dela Cruz, Garcia, Mendoza",
    ),
    "vietnam": (
        "Linh, Minh, Thu, Quang, Hoa, Tuấn, Lan, Đức",
        "Nguyễn, Trần, Lê, Phạm, Hoàng, Vũ, Đặng, Bùi",
    ),
    "armenia": (
        "Anahit, Aram, Lusine, Tigran, Mariam, Armen",
        "Hakobyan, Petrosyan, Sargsyan, Grigoryan, Harutyunyan, Avetisyan",
    ),
    "georgia": (
        "Nino, Giorgi, Tamar, Levan, Ketevan, Davit",
        "Beridze, Kapanadze, Gelashvili, Lomidze, Tsiklauri, Maisuradze",
    ),
    "central_asia": (
        "Dilnoza, Rustam, Malika, Farrukh, Zarina, Bakhtiyor, Nigora, Jamshid",
        "Karimov, Rahimov, Nazarov, Yusupov, Saidov, Tursunov, Sharipov, Mirzoev",
    ),
    "german": (
        "Anna, Lukas, Katharina, Jonas, Sabine, Matthias, Lena, Florian",
        "Müller, Schmidt, Weber, Hoffmann, Becker, Wagner, Huber, Keller",
    ),
    "dutch": (
        "Sanne, Daan, Femke, Thijs, Lotte, Bram, Eva, Joost",
        "de Vries, Jansen, van Dijk, Bakker, Visser, Peeters, Janssens, Maes",
    ),
    "danish": (
        "Mette, Søren, Freja, Anders, Signe, Mikkel, Karen, Rasmus",
        "Nielsen, Jensen, Hansen, Pedersen, Andersen, Kristensen, Larsen, Sørensen",
    ),
    "norwegian": (
        "Ingrid, Magnus, Sigrid, Eirik, Solveig, Håkon, Kari, Lars",
        "Johansen, Olsen, Berg, Haugen, Solberg, Dahl, Lie, Bakke",
    ),
    "swedish": (
        "Elin, Johan, Maja, Erik, Linnea, Oskar, Karin, Gustav",
        "Lindqvist, Andersson, Berglund, Nyström, Holm, Ek, Lundgren, Sjöberg",
    ),
    "finnish": (
        "Aino, Mikko, Sanna, Juha, Tuuli, Antti, Kaisa, Ville",
        "Virtanen, Korhonen, Mäkinen, Nieminen, Laine, Heikkinen, Koskinen, Järvinen",
    ),
    "estonian": (
        "Kadri, Mart, Liis, Tõnu, Triin, Priit",
        "Tamm, Saar, Sepp, Mägi, Kask, Rebane",
    ),
    "polish": (
        "Agnieszka, Piotr, Katarzyna, Tomasz, Magdalena, Paweł, Zofia, Michał",
        "Nowak, Kowalczyk, Wiśniewski, Zieliński, Lewandowski, Wójcik, Kamiński, Dąbrowski",
    ),
    "french": (
        "Amélie, Mathilde, Julien, Camille, Étienne, Hélène, Noémie, Théo, Claire, Antoine",
        "Dubois, Lefèvre, Moreau, Girard, Fontaine, Mercier, Rousseau, Lambert, Chevalier, Faure",
    ),
    "spanish": (
        "Lucía, Javier, Carmen, Pablo, Marta, Alejandro, Elena, Sergio",
        "García, Fernández, López, Martínez, Sánchez, Romero, Navarro, Torres",
    ),
    "portuguese": (
        "Inês, João, Beatriz, Tiago, Mariana, Rui, Sofia, Nuno",
        "Silva, Santos, Ferreira, Pereira, Costa, Oliveira, Rodrigues, Almeida",
    ),
    "brazil": (
        "Ana Luiza, Rafael, Juliana, Thiago, Fernanda, Gustavo, Camila, Leonardo",
        "Souza, Lima, Carvalho, Ribeiro, Barbosa, Gomes, Araújo, Nascimento",
    ),
    "latin_america": (
        "Valentina, Mateo, Camila, Santiago, Daniela, Andrés, Gabriela, Diego, Ximena, Joaquín",
        "Rodríguez, González, Hernández, Ramírez, Vargas, Castillo, Morales, Rojas, Quispe, Mendoza",
    ),
    "british_irish": (
        "Siobhan, Oliver, Charlotte, Ciarán, Emily, James, Aoife, Thomas",
        "Murphy, Smith, O'Brien, Walsh, Taylor, Evans, Kelly, Clarke",
    ),
    "north_america": (
        "Jennifer, Michael, Ashley, David, Sarah, Christopher, Megan, Daniel, Aiyana, Geneviève, Marc-André, Kevin",
        "Johnson, Williams, Brown, Tremblay, Gagnon, Thompson, Roy, Davis, Anderson, Begay",
    ),
    "oceania": (
        "Chloe, Liam, Matilda, Jack, Isla, Hamish, Ruby, Lachlan, Aroha, Tāne",
        "Wilson, Mitchell, Campbell, Harris, Robinson, Ngata, Parata, Kelly, Cooper, Stewart",
    ),
    "png": (
        "Grace, Joseph, Esther, Peter, Ruth, Samuel",
        "Kila, Namaliu, Wari, Tau, Kaupa, Somare",
    ),
}


def _split(text: str) -> list[str]:
    return [name.strip() for name in text.split(",")]


NAMES: dict[str, tuple[list[str], list[str]]] = {
    culture: (_split(firsts), _split(lasts)) for culture, (firsts, lasts) in NAMES_TEXT.items()
}
