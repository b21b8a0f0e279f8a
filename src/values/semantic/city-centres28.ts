/**
 * Version 28: where the cities datagen writes are: the centre of each city of
 * faker's en list (the United States), of country-cities.ts' lists, of
 * home-places.ts' records and of the de, fr and es locales' city lists, by
 * country (ISO 3166-1 alpha-2), in degrees to two decimals (about 1 km).
 * Generated from the GeoNames gazetteer's cities15000 extract
 * (https://download.geonames.org/export/dump/, CC BY 4.0, © GeoNames,
 * https://www.geonames.org): a city matched by its name, ASCII name or
 * alternate names in its country (Puerto Rico's under the United States,
 * Réunion's and the Antilles' under France), the most populous where names
 * repeat. A city not listed (a few small ones) is placed by its country.
 */

/** `alpha2|City=latitude,longitude;…`, one country a line. */
export const CITY_CENTRES = `US|Abilene=32.45,-99.73;Akron=41.08,-81.52;Alafaya=28.56,-81.21;Alameda=37.77,-122.24;Albany=42.65,-73.76;Albuquerque=35.08,-106.65;Alexandria=38.8,-77.05;Alhambra=34.1,-118.13;Aliso Viejo=33.57,-117.73;Allen=33.1,-96.67;Allentown=40.61,-75.49;Aloha=45.49,-122.87;Alpharetta=34.08,-84.29;Altadena=34.19,-118.13;Altamonte Springs=28.66,-81.37;Altoona=40.52,-78.39;Amarillo=35.22,-101.83;Ames=42.03,-93.62;Anaheim=33.84,-117.91;Anchorage=61.22,-149.9;Anderson=40.11,-85.68;Ankeny=41.73,-93.61;Ann Arbor=42.28,-83.74;Annandale=38.83,-77.2;Antelope=38.71,-121.33;Antioch=38,-121.81;Apex=35.73,-78.85;Apopka=28.68,-81.51;Apple Valley=34.5,-117.19;Appleton=44.26,-88.42;Arcadia=34.14,-118.04;Arden-Arcade=38.6,-121.38;Arecibo=18.47,-66.72;Arlington=32.74,-97.11;Arlington Heights=42.09,-87.98;Arvada=39.8,-105.09;Ashburn=39.04,-77.49;Asheville=35.6,-82.55;Aspen Hill=39.08,-77.07;Atascocita=30,-95.18;Athens-Clarke County=33.96,-83.38;Atlanta=33.75,-84.39;Attleboro=41.94,-71.29;Auburn=44.1,-70.23;Augusta-Richmond County=33.47,-81.97;Aurora=39.73,-104.83;Austin=30.27,-97.74;Avondale=33.44,-112.35;Azusa=34.13,-117.91;Bakersfield=35.37,-119.02;Baldwin Park=34.09,-117.96;Baltimore=39.29,-76.61;Barnstable Town=41.7,-70.3;Bartlett=35.2,-89.87;Baton Rouge=30.45,-91.15;Battle Creek=42.32,-85.18;Bayamon=18.4,-66.16;Bayonne=40.67,-74.11;Baytown=29.74,-94.98;Beaumont=30.09,-94.1;Beavercreek=39.71,-84.06;Beaverton=45.49,-122.8;Bedford=32.84,-97.14;Bel Air South=39.51,-76.32;Bell Gardens=33.97,-118.15;Belleville=38.52,-89.98;Bellevue=47.61,-122.2;Bellflower=33.88,-118.12;Bellingham=48.76,-122.49;Bend=44.06,-121.32;Bentonville=36.37,-94.21;Berkeley=37.87,-122.27;Berwyn=41.85,-87.79;Bethesda=38.98,-77.1;Bethlehem=40.63,-75.37;Billings=45.78,-108.5;Biloxi=30.4,-88.89;Binghamton=42.1,-75.92;Birmingham=33.52,-86.8;Bismarck=46.81,-100.78;Blacksburg=37.23,-80.41;Blaine=45.16,-93.23;Bloomington=44.84,-93.3;Blue Springs=39.02,-94.28;Boca Raton=26.36,-80.08;Boise City=43.61,-116.2;Bolingbrook=41.7,-88.07;Bonita Springs=26.34,-81.78;Bossier City=32.52,-93.73;Boston=42.36,-71.06;Bothell=47.76,-122.21;Boulder=40.01,-105.27;Bountiful=40.89,-111.88;Bowie=38.94,-76.73;Bowling Green=36.99,-86.44;Boynton Beach=26.53,-80.07;Bozeman=45.68,-111.04;Bradenton=27.5,-82.57;Brandon=27.94,-82.29;Brentwood=40.78,-73.25;Bridgeport=41.17,-73.2;Bristol=41.67,-72.95;Brockton=42.08,-71.02;Broken Arrow=36.05,-95.79;Brookline=42.33,-71.12;Brooklyn Park=45.09,-93.36;Broomfield=39.92,-105.09;Brownsville=25.9,-97.5;Bryan=30.67,-96.37;Buckeye=33.37,-112.58;Buena Park=33.87,-118;Buffalo=42.89,-78.88;Buffalo Grove=42.15,-87.96;Burbank=34.18,-118.31;Burien=47.47,-122.35;Burke=38.79,-77.27;Burleson=32.54,-97.32;Burlington=44.48,-73.21;Burnsville=44.77,-93.28;Caguas=18.23,-66.05;Caldwell=43.66,-116.69;Camarillo=34.22,-119.04;Cambridge=42.38,-71.11;Camden=39.93,-75.12;Canton=42.31,-83.48;Cape Coral=26.56,-81.95;Carlsbad=33.16,-117.35;Carmel=39.98,-86.12;Carmichael=38.62,-121.33;Carolina=18.38,-65.96;Carrollton=32.95,-96.89;Carson=33.83,-118.28;Carson City=39.16,-119.77;Cary=35.79,-78.78;Casa Grande=32.88,-111.76;Casas Adobes=32.32,-111;Casper=42.87,-106.31;Castle Rock=39.37,-104.86;Castro Valley=37.69,-122.09;Catalina Foothills=32.3,-110.92;Cathedral City=33.78,-116.47;Catonsville=39.27,-76.73;Cedar Hill=32.59,-96.96;Cedar Park=30.51,-97.82;Cedar Rapids=42.01,-91.64;Centennial=39.58,-104.88;Centreville=38.84,-77.43;Ceres=37.59,-120.96;Cerritos=33.86,-118.06;Champaign=40.12,-88.24;Chandler=33.31,-111.84;Chapel Hill=35.91,-79.06;Charleston=32.78,-79.93;Charlotte=35.23,-80.84;Charlottesville=38.03,-78.48;Chattanooga=35.05,-85.31;Cheektowaga=42.9,-78.75;Chesapeake=36.82,-76.27;Chesterfield=38.66,-90.58;Cheyenne=41.14,-104.82;Chicago=41.85,-87.65;Chico=39.73,-121.84;Chicopee=42.17,-72.59;Chino=34.01,-117.69;Chino Hills=33.99,-117.76;Chula Vista=32.64,-117.08;Cicero=41.85,-87.75;Cincinnati=39.16,-84.46;Citrus Heights=38.71,-121.28;Clarksville=36.53,-87.36;Clearwater=27.97,-82.8;Cleveland=41.5,-81.7;Cleveland Heights=41.52,-81.56;Clifton=40.86,-74.16;Clovis=36.83,-119.7;Coachella=33.68,-116.17;Coconut Creek=26.25,-80.18;Coeur d'Alene=47.68,-116.78;College Station=30.63,-96.33;Collierville=35.04,-89.66;Colorado Springs=38.83,-104.82;Colton=34.07,-117.31;Columbia=34,-81.03;Columbus=39.96,-83;Commerce City=39.81,-104.93;Compton=33.9,-118.22;Concord=43.21,-71.54;Conroe=30.31,-95.46;Conway=35.09,-92.44;Coon Rapids=45.12,-93.29;Coral Gables=25.72,-80.27;Coral Springs=26.27,-80.27;Corona=33.88,-117.57;Corpus Christi=27.8,-97.4;Corvallis=44.56,-123.26;Costa Mesa=33.64,-117.92;Council Bluffs=41.26,-95.86;Country Club=25.95,-80.32;Covina=34.09,-117.89;Cranston=41.78,-71.44;Cupertino=37.32,-122.03;Cutler Bay=25.58,-80.34;Cuyahoga Falls=41.13,-81.48;Cypress=33.82,-118.04;Dale City=38.64,-77.31;Dallas=32.78,-96.81;Daly City=37.71,-122.46;Danbury=41.39,-73.45;Danville=36.59,-79.4;Davenport=41.52,-90.58;Davie=26.06,-80.23;Davis=38.54,-121.74;Dayton=39.76,-84.19;Daytona Beach=29.21,-81.02;DeKalb=41.93,-88.75;DeSoto=32.59,-96.86;Dearborn=42.32,-83.18;Dearborn Heights=42.34,-83.27;Decatur=39.84,-88.95;Deerfield Beach=26.32,-80.1;Delano=35.77,-119.25;Delray Beach=26.46,-80.07;Deltona=28.9,-81.26;Denton=33.21,-97.13;Denver=39.74,-104.98;Des Moines=41.6,-93.61;Des Plaines=42.03,-87.88;Detroit=42.33,-83.05;Diamond Bar=34.03,-117.81;Doral=25.82,-80.36;Dothan=31.22,-85.39;Downers Grove=41.81,-88.01;Downey=33.94,-118.13;Draper=40.52,-111.86;Dublin=37.7,-121.94;Dubuque=42.5,-90.66;Duluth=46.78,-92.11;Dundalk=39.25,-76.52;Dunwoody=33.95,-84.33;Durham=35.99,-78.9;Eagan=44.8,-93.17;East Hartford=41.78,-72.61;East Lansing=42.74,-84.48;East Los Angeles=34.02,-118.17;East Orange=40.77,-74.2;East Providence=41.81,-71.37;Eau Claire=44.81,-91.5;Eden Prairie=44.85,-93.47;Edina=44.89,-93.35;Edinburg=26.3,-98.16;Edmond=35.65,-97.48;El Cajon=32.79,-116.96;El Centro=32.79,-115.56;El Dorado Hills=38.69,-121.08;El Monte=34.07,-118.03;El Paso=31.76,-106.49;Elgin=42.04,-88.28;Elizabeth=40.66,-74.21;Elk Grove=38.41,-121.37;Elkhart=41.68,-85.98;Ellicott City=39.27,-76.8;Elmhurst=41.9,-87.94;Elyria=41.37,-82.11;Encinitas=33.04,-117.29;Enid=36.4,-97.88;Enterprise=36.03,-115.24;Erie=42.13,-80.09;Escondido=33.12,-117.09;Euclid=41.59,-81.53;Eugene=44.05,-123.09;Euless=32.84,-97.08;Evanston=42.04,-87.69;Evansville=37.97,-87.56;Everett=47.98,-122.2;Fairfield=38.25,-122.04;Fall River=41.7,-71.16;Fargo=46.88,-96.79;Farmington=36.73,-108.22;Farmington Hills=42.49,-83.38;Fayetteville=36.06,-94.16;Federal Way=47.32,-122.31;Findlay=41.04,-83.65;Fishers=39.96,-86.01;Flagstaff=35.2,-111.65;Flint=43.01,-83.69;Florence-Graham=33.97,-118.24;Florin=38.5,-121.41;Florissant=38.79,-90.32;Flower Mound=33.01,-97.1;Folsom=38.68,-121.18;Fond du Lac=43.77,-88.44;Fontana=34.09,-117.44;Fort Collins=40.59,-105.08;Fort Lauderdale=26.12,-80.14;Fort Myers=26.62,-81.84;Fort Pierce=27.45,-80.33;Fort Smith=35.39,-94.4;Fort Wayne=41.13,-85.13;Fort Worth=32.73,-97.32;Fountain Valley=33.71,-117.95;Fountainebleau=25.77,-80.35;Framingham=42.28,-71.42;Franklin=35.93,-86.87;Frederick=39.41,-77.41;Freeport=40.66,-73.58;Fremont=37.55,-121.99;Fresno=36.75,-119.77;Frisco=37.77,-122.42;Fullerton=33.87,-117.93;Gainesville=29.65,-82.32;Gaithersburg=39.14,-77.2;Galveston=29.3,-94.8;Garden Grove=33.77,-117.94;Gardena=33.89,-118.31;Garland=32.91,-96.64;Gary=41.59,-87.35;Gastonia=35.26,-81.19;Georgetown=30.63,-97.68;Germantown=39.17,-77.27;Gilbert=33.35,-111.79;Gilroy=37.01,-121.57;Glen Burnie=39.16,-76.62;Glendale=33.54,-112.19;Glendora=34.14,-117.87;Glenview=42.07,-87.79;Goodyear=33.44,-112.36;Grand Forks=47.93,-97.03;Grand Island=40.93,-98.34;Grand Junction=39.06,-108.55;Grand Prairie=32.75,-97;Grand Rapids=42.96,-85.67;Grapevine=32.93,-97.08;Great Falls=47.5,-111.3;Greeley=40.42,-104.71;Green Bay=44.52,-88.02;Greensboro=36.07,-79.79;Greenville=35.61,-77.37;Greenwood=39.61,-86.11;Gresham=45.5,-122.43;Guaynabo=18.36,-66.11;Gulfport=30.37,-89.09;Hacienda Heights=33.99,-117.97;Hackensack=40.89,-74.04;Haltom City=32.8,-97.27;Hamilton=39.4,-84.56;Hammond=41.58,-87.5;Hampton=37.03,-76.35;Hanford=36.33,-119.65;Harlingen=26.19,-97.7;Harrisburg=40.27,-76.88;Harrisonburg=38.45,-78.87;Hartford=41.76,-72.69;Hattiesburg=31.33,-89.29;Haverhill=42.78,-71.08;Hawthorne=33.92,-118.35;Hayward=37.67,-122.08;Hemet=33.75,-116.97;Hempstead=40.71,-73.62;Henderson=36.04,-114.98;Hendersonville=36.3,-86.62;Hesperia=34.43,-117.3;Hialeah=25.86,-80.28;Hicksville=40.77,-73.53;High Point=35.96,-80.01;Highland=34.13,-117.21;Highlands Ranch=39.55,-104.97;Hillsboro=45.52,-122.99;Hilo=19.73,-155.09;Hoboken=40.74,-74.03;Hoffman Estates=42.04,-88.08;Hollywood=34.1,-118.33;Homestead=25.47,-80.48;Honolulu=21.31,-157.86;Hoover=33.41,-86.81;Houston=29.76,-95.36;Huntersville=35.41,-80.84;Huntington=38.42,-82.45;Huntington Beach=33.66,-118;Huntington Park=33.98,-118.23;Huntsville=34.73,-86.59;Hutchinson=38.06,-97.93;Idaho Falls=43.47,-112.03;Independence=39.09,-94.42;Indianapolis=39.77,-86.16;Indio=33.72,-116.22;Inglewood=33.96,-118.35;Iowa City=41.66,-91.53;Irondequoit=43.21,-77.58;Irvine=33.67,-117.82;Irving=32.81,-96.95;Jackson=32.3,-90.18;Jacksonville=30.33,-81.66;Janesville=42.68,-89.02;Jefferson City=38.58,-92.17;Jeffersonville=38.28,-85.74;Jersey City=40.73,-74.08;Johns Creek=34.03,-84.2;Johnson City=36.31,-82.35;Joliet=41.53,-88.08;Jonesboro=35.84,-90.7;Joplin=37.08,-94.51;Jupiter=26.93,-80.09;Kalamazoo=42.29,-85.59;Kannapolis=35.49,-80.62;Kansas City=39.1,-94.58;Kearny=40.77,-74.15;Keller=32.93,-97.25;Kendale Lakes=25.71,-80.41;Kendall=25.68,-80.32;Kenner=29.99,-90.24;Kennewick=46.21,-119.14;Kenosha=42.58,-87.82;Kent=47.38,-122.23;Kentwood=42.87,-85.64;Kettering=39.69,-84.17;Killeen=31.12,-97.73;Kingsport=36.55,-82.56;Kirkland=47.68,-122.21;Kissimmee=28.3,-81.42;Knoxville=35.96,-83.92;Kokomo=40.49,-86.13;La Crosse=43.8,-91.24;La Habra=33.93,-117.95;La Mesa=32.77,-117.02;La Mirada=33.92,-118.01;Lacey=47.03,-122.82;Lafayette=30.22,-92.02;Laguna Niguel=33.52,-117.71;Lake Charles=30.21,-93.2;Lake Elsinore=33.67,-117.33;Lake Forest=33.65,-117.69;Lake Havasu City=34.48,-114.32;Lake Ridge=38.69,-77.3;Lakeland=28.04,-81.95;Lakeville=44.65,-93.24;Lakewood=39.7,-105.08;Lancaster=34.7,-118.14;Lansing=42.73,-84.56;Laredo=27.51,-99.51;Largo=27.91,-82.79;Las Cruces=32.31,-106.78;Las Vegas=36.17,-115.14;Lauderhill=26.14,-80.21;Lawrence=38.97,-95.24;Lawton=34.61,-98.39;Layton=41.06,-111.97;League City=29.51,-95.09;Leesburg=39.12,-77.56;Lehi=40.39,-111.85;Lehigh Acres=26.63,-81.62;Lenexa=38.95,-94.73;Levittown=40.16,-74.83;Lewisville=33.05,-96.99;Lexington-Fayette=38.05,-84.46;Lincoln=40.8,-96.67;Linden=40.62,-74.24;Little Rock=34.75,-92.29;Littleton=39.61,-105.02;Livermore=37.68,-121.77;Livonia=42.37,-83.35;Lodi=38.13,-121.27;Logan=41.74,-111.83;Lombard=41.88,-88.01;Lompoc=34.64,-120.46;Long Beach=33.77,-118.19;Longmont=40.17,-105.1;Longview=32.5,-94.74;Lorain=41.45,-82.18;Los Angeles=34.05,-118.24;Louisville/Jefferson County=38.25,-85.76;Loveland=40.4,-105.07;Lowell=42.63,-71.32;Lubbock=33.58,-101.86;Lynchburg=37.41,-79.14;Lynn=42.47,-70.95;Lynwood=33.93,-118.21;Macon-Bibb County=32.84,-83.63;Madera=36.96,-120.06;Madison=43.07,-89.4;Malden=42.43,-71.07;Manchester=43,-71.45;Manhattan=40.71,-74.01;Mansfield=32.56,-97.14;Manteca=37.8,-121.22;Maple Grove=45.07,-93.46;Margate=26.24,-80.21;Maricopa=33.06,-112.05;Marietta=33.95,-84.55;Marysville=48.05,-122.18;Mayaguez=18.2,-67.14;McAllen=26.2,-98.23;McKinney=33.2,-96.62;McLean=38.93,-77.18;Medford=42.33,-122.88;Melbourne=28.08,-80.61;Memphis=35.15,-90.05;Menifee=33.73,-117.15;Mentor=41.67,-81.34;Merced=37.3,-120.48;Meriden=41.54,-72.81;Meridian=43.61,-116.39;Mesa=33.42,-111.82;Mesquite=32.77,-96.6;Metairie=29.98,-90.15;Methuen Town=42.73,-71.19;Miami=25.77,-80.19;Miami Beach=25.79,-80.13;Miami Gardens=25.94,-80.25;Middletown=39.52,-84.4;Midland=32,-102.08;Midwest City=35.45,-97.4;Milford=41.22,-73.06;Millcreek=40.69,-111.88;Milpitas=37.43,-121.91;Milwaukee=43.04,-87.91;Minneapolis=44.98,-93.26;Minnetonka=44.91,-93.5;Minot=48.23,-101.3;Miramar=25.99,-80.23;Mishawaka=41.66,-86.16;Mission=26.22,-98.33;Mission Viejo=33.6,-117.67;Missoula=46.87,-113.99;Missouri City=29.62,-95.54;Mobile=30.69,-88.04;Modesto=37.64,-121;Moline=41.51,-90.52;Monroe=32.51,-92.12;Montebello=34.01,-118.11;Monterey Park=34.06,-118.12;Montgomery=32.37,-86.3;Moore=35.34,-97.49;Moreno Valley=33.94,-117.23;Morgan Hill=37.13,-121.65;Mount Pleasant=32.79,-79.86;Mount Prospect=42.07,-87.94;Mount Vernon=40.91,-73.84;Mountain View=37.39,-122.08;Muncie=40.19,-85.39;Murfreesboro=35.85,-86.39;Murray=40.67,-111.89;Murrieta=33.55,-117.21;Nampa=43.54,-116.56;Napa=38.3,-122.29;Naperville=41.79,-88.15;Nashua=42.77,-71.47;Nashville-Davidson=36.17,-86.78;National City=32.68,-117.1;New Bedford=41.64,-70.93;New Braunfels=29.7,-98.12;New Britain=41.66,-72.78;New Brunswick=40.49,-74.45;New Haven=41.31,-72.93;New Orleans=29.95,-90.08;New Rochelle=40.91,-73.78;New York=40.71,-74.01;Newark=40.74,-74.17;Newport Beach=33.62,-117.93;Newport News=36.98,-76.43;Newton=42.34,-71.21;Niagara Falls=43.09,-79.06;Noblesville=40.05,-86.01;Norfolk=36.85,-76.29;Normal=40.51,-88.99;Norman=35.22,-97.44;North Bethesda=39.04,-77.12;North Charleston=32.89,-80.01;North Highlands=38.69,-121.37;North Las Vegas=36.2,-115.12;North Lauderdale=26.22,-80.23;North Little Rock=34.77,-92.27;North Miami=25.89,-80.19;North Miami Beach=25.93,-80.16;North Port=27.04,-82.24;North Richland Hills=32.83,-97.23;Norwalk=33.9,-118.08;Novato=38.11,-122.57;Novi=42.48,-83.48;O'Fallon=38.81,-90.7;Oak Lawn=41.71,-87.76;Oak Park=41.89,-87.78;Oakland=37.8,-122.27;Oakland Park=26.17,-80.13;Ocala=29.19,-82.14;Oceanside=33.2,-117.38;Odessa=31.85,-102.37;Ogden=41.22,-111.97;Oklahoma City=35.47,-97.52;Olathe=38.88,-94.82;Olympia=47.04,-122.9;Omaha=41.26,-95.94;Ontario=34.06,-117.65;Orange=33.79,-117.85;Orem=40.3,-111.69;Orland Park=41.63,-87.85;Orlando=28.54,-81.38;Oro Valley=32.39,-110.97;Oshkosh=44.02,-88.54;Overland Park=38.98,-94.67;Owensboro=37.77,-87.11;Oxnard=34.2,-119.18;Palatine=42.11,-88.03;Palm Bay=28.03,-80.59;Palm Beach Gardens=26.82,-80.14;Palm Coast=29.58,-81.21;Palm Desert=33.72,-116.37;Palm Harbor=28.08,-82.76;Palm Springs=33.83,-116.55;Palmdale=34.58,-118.12;Palo Alto=37.44,-122.14;Paradise=36.1,-115.15;Paramount=33.89,-118.16;Parker=39.52,-104.76;Parma=41.4,-81.72;Pasadena=29.69,-95.21;Pasco=46.24,-119.1;Passaic=40.86,-74.13;Paterson=40.92,-74.17;Pawtucket=41.88,-71.38;Peabody=42.53,-70.93;Pearl City=21.4,-157.97;Pearland=29.56,-95.29;Pembroke Pines=26,-80.22;Pensacola=30.42,-87.22;Peoria=33.58,-112.24;Perris=33.78,-117.23;Perth Amboy=40.51,-74.27;Petaluma=38.23,-122.64;Pflugerville=30.44,-97.62;Pharr=26.19,-98.18;Philadelphia=39.95,-75.16;Phoenix=33.45,-112.07;Pico Rivera=33.98,-118.1;Pine Bluff=34.23,-92;Pine Hills=28.56,-81.45;Pinellas Park=27.84,-82.7;Pittsburg=38.03,-121.88;Pittsburgh=40.44,-80;Pittsfield=42.45,-73.25;Placentia=33.87,-117.87;Plainfield=40.62,-74.42;Plano=33.02,-96.7;Plantation=26.13,-80.23;Pleasanton=37.66,-121.87;Plymouth=45.01,-93.46;Pocatello=42.87,-112.45;Poinciana=28.14,-81.46;Pomona=34.06,-117.75;Pompano Beach=26.24,-80.12;Ponce=18.01,-66.61;Pontiac=42.64,-83.29;Port Arthur=29.9,-93.93;Port Charlotte=26.98,-82.09;Port Orange=29.14,-81;Port St. Lucie=27.29,-80.35;Portage=42.2,-85.58;Porterville=36.07,-119.02;Portland=43.66,-70.26;Portsmouth=36.84,-76.3;Potomac=39.02,-77.21;Poway=32.96,-117.04;Providence=41.82,-71.41;Provo=40.23,-111.66;Pueblo=38.25,-104.61;Quincy=42.25,-71;Racine=42.73,-87.78;Raleigh=35.77,-78.64;Rancho Cordova=38.59,-121.3;Rancho Cucamonga=34.11,-117.59;Rancho Palos Verdes=33.74,-118.39;Rancho Santa Margarita=33.64,-117.6;Rapid City=44.08,-103.23;Reading=40.34,-75.93;Redding=40.59,-122.39;Redlands=34.06,-117.18;Redmond=47.67,-122.12;Redondo Beach=33.85,-118.39;Redwood City=37.49,-122.24;Reno=39.53,-119.81;Renton=47.48,-122.22;Reston=38.97,-77.34;Revere=42.41,-71.01;Rialto=34.11,-117.37;Richardson=32.95,-96.73;Richland=46.29,-119.28;Richmond=37.55,-77.46;Rio Rancho=35.23,-106.66;Riverside=33.95,-117.4;Riverton=40.52,-111.94;Riverview=27.87,-82.33;Roanoke=37.27,-79.94;Rochester=43.15,-77.62;Rochester Hills=42.66,-83.15;Rock Hill=34.92,-81.03;Rockford=42.27,-89.09;Rocklin=38.79,-121.24;Rockville=39.08,-77.15;Rockwall=32.93,-96.46;Rocky Mount=35.94,-77.79;Rogers=36.33,-94.12;Rohnert Park=38.34,-122.7;Rosemead=34.08,-118.07;Roseville=38.75,-121.29;Roswell=34.02,-84.36;Round Rock=30.51,-97.68;Rowland Heights=33.98,-117.91;Rowlett=32.9,-96.56;Royal Oak=42.49,-83.14;Sacramento=38.58,-121.49;Saginaw=43.42,-83.95;Salem=44.94,-123.04;Salina=38.84,-97.61;Salinas=36.68,-121.66;Salt Lake City=40.76,-111.89;Sammamish=47.64,-122.08;San Angelo=31.46,-100.44;San Antonio=29.42,-98.49;San Bernardino=34.11,-117.29;San Bruno=37.63,-122.41;San Buenaventura (Ventura)=34.28,-119.29;San Clemente=33.43,-117.61;San Diego=32.72,-117.16;San Francisco=37.77,-122.42;San Jacinto=33.78,-116.96;San Jose=37.34,-121.89;San Juan=26.19,-98.16;San Leandro=37.72,-122.16;San Luis Obispo=35.28,-120.66;San Marcos=33.14,-117.17;San Mateo=37.56,-122.33;San Rafael=37.97,-122.53;San Ramon=37.78,-121.98;San Tan Valley=33.19,-111.53;Sandy=40.57,-111.86;Sandy Springs=33.92,-84.38;Sanford=28.8,-81.27;Santa Ana=33.75,-117.87;Santa Barbara=34.42,-119.7;Santa Clara=37.35,-121.96;Santa Clarita=34.39,-118.54;Santa Cruz=36.97,-122.03;Santa Fe=35.69,-105.94;Santa Maria=34.95,-120.44;Santa Monica=34.02,-118.49;Santa Rosa=38.44,-122.71;Santee=32.84,-116.97;Sarasota=27.34,-82.53;Savannah=32.08,-81.1;Sayreville=40.46,-74.36;Schaumburg=42.03,-88.08;Schenectady=42.81,-73.94;Scottsdale=33.51,-111.9;Scranton=41.41,-75.66;Seattle=47.61,-122.33;Severn=39.14,-76.7;Shawnee=39.04,-94.72;Sheboygan=43.75,-87.71;Shoreline=47.76,-122.34;Shreveport=32.53,-93.75;Sierra Vista=31.55,-110.3;Silver Spring=38.99,-77.03;Simi Valley=34.27,-118.78;Sioux City=42.5,-96.4;Sioux Falls=43.55,-96.7;Skokie=42.03,-87.73;Smyrna=33.88,-84.51;Somerville=42.39,-71.1;South Bend=41.68,-86.25;South Gate=33.95,-118.21;South Hill=47.14,-122.27;South Jordan=40.56,-111.93;South San Francisco=37.65,-122.41;South Valley=35.01,-106.68;South Whittier=33.96,-118.04;Southaven=34.99,-90.01;Southfield=42.47,-83.22;Sparks=39.53,-119.75;Spokane=47.66,-117.43;Spokane Valley=47.67,-117.24;Spring=30.08,-95.42;Spring Hill=28.48,-82.53;Spring Valley=36.11,-115.25;Springdale=36.19,-94.13;Springfield=39.8,-89.64;St. Charles=38.78,-90.48;St. Clair Shores=42.5,-82.89;St. Cloud=45.56,-94.16;St. George=37.1,-113.58;St. Joseph=39.77,-94.85;St. Louis=38.63,-90.2;St. Louis Park=44.95,-93.35;St. Paul=44.94,-93.09;St. Peters=38.8,-90.63;St. Petersburg=27.77,-82.68;Stamford=41.05,-73.54;State College=40.79,-77.86;Sterling Heights=42.58,-83.03;Stillwater=36.12,-97.06;Stockton=37.96,-121.29;Stratford=41.18,-73.13;Strongsville=41.31,-81.84;Suffolk=36.73,-76.58;Sugar Land=29.62,-95.63;Summerville=33.02,-80.18;Sunnyvale=37.37,-122.04;Sunrise=26.16,-80.29;Sunrise Manor=36.21,-115.07;Surprise=33.63,-112.33;Syracuse=43.05,-76.15;Tacoma=47.25,-122.44;Tallahassee=30.44,-84.28;Tamarac=26.21,-80.25;Tamiami=25.76,-80.4;Tampa=27.95,-82.46;Taunton=41.9,-71.09;Taylor=42.24,-83.27;Taylorsville=40.67,-111.94;Temecula=33.49,-117.15;Tempe=33.41,-111.91;Temple=31.1,-97.34;Terre Haute=39.47,-87.41;Texas City=29.38,-94.9;The Hammocks=25.67,-80.44;The Villages=28.93,-81.96;The Woodlands=30.16,-95.49;Thornton=39.87,-104.97;Thousand Oaks=34.17,-118.84;Tigard=45.43,-122.77;Tinley Park=41.57,-87.78;Titusville=28.61,-80.81;Toledo=41.66,-83.56;Toms River=39.95,-74.2;Tonawanda=42.98,-78.88;Topeka=39.05,-95.68;Torrance=33.84,-118.34;Town 'n' Country=28.01,-82.58;Towson=39.4,-76.6;Tracy=37.74,-121.43;Trenton=40.22,-74.74;Troy=42.61,-83.15;Trujillo Alto=18.35,-66.01;Tuckahoe=37.59,-77.56;Tucson=32.22,-110.93;Tulare=36.21,-119.35;Tulsa=36.15,-95.99;Turlock=37.49,-120.85;Tuscaloosa=33.21,-87.57;Tustin=33.75,-117.83;Twin Falls=42.56,-114.46;Tyler=32.35,-95.3;Union City=37.6,-122.02;University=28.07,-82.44;Upland=34.1,-117.65;Urbana=40.11,-88.21;Urbandale=41.63,-93.71;Utica=43.1,-75.23;Vacaville=38.36,-121.99;Valdosta=30.83,-83.28;Vallejo=38.1,-122.26;Vancouver=45.64,-122.66;Victoria=28.81,-97;Victorville=34.54,-117.29;Vineland=39.49,-75.03;Virginia Beach=36.85,-75.98;Visalia=36.33,-119.29;Vista=33.2,-117.24;Waco=31.55,-97.15;Waipahu=21.39,-158.01;Waldorf=38.62,-76.94;Walnut Creek=37.91,-122.06;Waltham=42.38,-71.24;Warner Robins=32.62,-83.6;Warren=42.48,-83.03;Warwick=41.7,-71.42;Washington=38.9,-77.04;Waterbury=41.56,-73.05;Waterloo=42.49,-92.34;Watsonville=36.91,-121.76;Waukegan=42.36,-87.84;Waukesha=43.01,-88.23;Wauwatosa=43.05,-88.01;Wellington=26.66,-80.24;Wesley Chapel=28.24,-82.33;West Allis=43.02,-88.01;West Babylon=40.72,-73.35;West Covina=34.07,-117.94;West Des Moines=41.57,-93.75;West Hartford=41.76,-72.74;West Haven=41.27,-72.95;West Jordan=40.61,-111.94;West Lafayette=40.43,-86.91;West New York=40.79,-74.01;West Palm Beach=26.72,-80.05;West Sacramento=38.58,-121.53;West Seneca=42.85,-78.8;West Valley City=40.69,-112;Westfield=42.13,-72.75;Westland=42.32,-83.4;Westminster=39.84,-105.04;Weston=26.1,-80.4;Weymouth Town=42.22,-70.94;Wheaton=41.87,-88.11;White Plains=41.03,-73.76;Whittier=33.98,-118.03;Wichita=37.69,-97.34;Wichita Falls=33.91,-98.49;Wilmington=39.75,-75.55;Wilson=35.72,-77.92;Winston-Salem=36.1,-80.24;Woodbury=44.92,-92.96;Woodland=38.68,-121.77;Worcester=42.26,-71.8;Wylie=33.02,-96.54;Wyoming=42.91,-85.71;Yakima=46.6,-120.51;Yonkers=40.93,-73.9;Yorba Linda=33.89,-117.81;York=39.96,-76.73;Youngstown=41.1,-80.65;Yuba City=39.14,-121.62;Yucaipa=34.03,-117.04;Yuma=32.73,-114.62
AF|Kabul=34.53,69.17;Kandahar=31.61,65.71;Herat=34.35,62.2;Mazar-i-Sharif=36.71,67.11;Jalalabad=34.43,70.45
AX|Mariehamn=60.1,19.93
AL|Tirana=41.33,19.82;Durrës=41.32,19.44;Vlorë=40.47,19.49;Shkodër=42.07,19.51;Elbasan=41.11,20.08
DZ|Algiers=36.75,3.04;Oran=35.69,-0.64;Constantine=36.37,6.61;Annaba=36.9,7.77
AS|Pago Pago=-14.28,-170.7
AD|Andorra la Vella=42.51,1.52;Escaldes-Engordany=42.51,1.53
AO|Luanda=-8.84,13.23;Huambo=-12.78,15.74;Lobito=-12.35,13.55;Benguela=-12.58,13.41;Lubango=-14.92,13.49
AI|The Valley=18.22,-63.06
AG|St. John's=17.12,-61.85
AR|Buenos Aires=-34.61,-58.38;Córdoba=-31.41,-64.18;Rosario=-32.95,-60.64;Mendoza=-32.89,-68.83;La Plata=-34.92,-57.95;Mar del Plata=-38,-57.56;Salta=-24.79,-65.41
AM|Yerevan=40.18,44.51;Gyumri=40.79,43.85;Vanadzor=40.8,44.49
AW|Oranjestad=12.52,-70.03
AU|Canberra=-35.28,149.13;Sydney=-33.87,151.21;Melbourne=-37.81,144.96;Brisbane=-27.47,153.03;Perth=-31.95,115.86;Adelaide=-34.93,138.6;Hobart=-42.88,147.33;Darwin=-12.46,130.84
AT|Vienna=48.21,16.37;Graz=47.07,15.45;Linz=48.31,14.29;Salzburg=47.8,13.04;Innsbruck=47.26,11.39
AZ|Baku=40.38,49.89;Ganja=40.68,46.36;Sumqayit=40.59,49.67
BS|Nassau=25.06,-77.34;Freeport=26.53,-78.7
BH|Manama=26.22,50.58;Muharraq=26.26,50.61
BD|Dhaka=23.71,90.41;Chittagong=22.33,91.84;Khulna=22.81,89.57;Rajshahi=24.37,88.6;Sylhet=24.9,91.87
BB|Bridgetown=13.1,-59.62
BY|Minsk=53.9,27.57;Gomel=52.43,30.98;Mogilev=53.92,30.34;Vitebsk=55.19,30.2;Grodno=53.69,23.83;Brest=52.1,23.69
BE|Brussels=50.85,4.35;Antwerp=51.22,4.4;Ghent=51.05,3.72;Charleroi=50.41,4.44;Liège=50.63,5.57;Bruges=51.21,3.22
BZ|Belmopan=17.25,-88.77;Belize City=17.5,-88.2
BJ|Porto-Novo=6.5,2.6;Cotonou=6.37,2.42;Parakou=9.34,2.63
BM|Hamilton=32.29,-64.78
BT|Thimphu=27.47,89.64;Phuntsholing=26.85,89.39
BO|Sucre=-19.03,-65.26;La Paz=-16.5,-68.15;Santa Cruz de la Sierra=-17.8,-63.17;Cochabamba=-17.39,-66.16
BA|Sarajevo=43.85,18.36;Banja Luka=44.78,17.19;Tuzla=44.54,18.67;Mostar=43.34,17.81
BW|Gaborone=-24.65,25.91;Francistown=-21.17,27.51
BR|Brasília=-15.78,-47.93;São Paulo=-23.55,-46.64;Rio de Janeiro=-22.9,-43.21;Salvador=-12.97,-38.51;Fortaleza=-3.72,-38.54;Belo Horizonte=-19.92,-43.94;Manaus=-3.1,-60.02;Curitiba=-25.43,-49.27;Recife=-8.05,-34.88;Porto Alegre=-30.03,-51.23;Campinas=-22.91,-47.06;Belém=-1.46,-48.5;Goiânia=-16.68,-49.25;São Luís=-2.53,-44.3;Maceió=-9.67,-35.74;Natal=-5.79,-35.21;Teresina=-5.09,-42.8;João Pessoa=-7.12,-34.86;Florianópolis=-27.6,-48.55;Vitória=-20.32,-40.34;Cuiabá=-15.6,-56.1;Campo Grande=-20.44,-54.65;Aracaju=-10.91,-37.07;Porto Velho=-8.76,-63.9;Macapá=0.04,-51.07;Rio Branco=-9.97,-67.81;Boa Vista=2.82,-60.67;Palmas=-10.21,-48.36
BN|Bandar Seri Begawan=4.94,114.95
BG|Sofia=42.7,23.32;Plovdiv=42.15,24.75;Varna=43.22,27.92;Burgas=42.51,27.47
BF|Ouagadougou=12.37,-1.53;Bobo-Dioulasso=11.18,-4.3
BI|Gitega=-3.43,29.93;Bujumbura=-3.38,29.36
KH|Phnom Penh=11.56,104.92;Siem Reap=13.37,103.85;Battambang=13.1,103.2
CM|Yaoundé=3.87,11.52;Douala=4.05,9.7;Garoua=9.3,13.4;Bamenda=5.95,10.16
CA|Ottawa=45.41,-75.7;Toronto=43.7,-79.42;Montreal=45.51,-73.59;Vancouver=49.25,-123.12;Calgary=51.05,-114.09;Edmonton=53.55,-113.47;Winnipeg=49.88,-97.15;Quebec City=46.81,-71.21;Halifax=44.65,-63.57
CV|Praia=14.93,-23.51;Mindelo=16.89,-24.98
KY|George Town=19.29,-81.37
CF|Bangui=4.36,18.55
TD|N'Djamena=12.11,15.04;Moundou=8.57,16.08
CL|Santiago=-33.46,-70.65;Valparaíso=-33.04,-71.63;Concepción=-36.83,-73.05;Antofagasta=-23.65,-70.4;Viña del Mar=-33.02,-71.55
CN|Beijing=39.91,116.4;Shanghai=31.22,121.46;Guangzhou=23.12,113.25;Shenzhen=22.55,114.07;Chengdu=30.67,104.07;Wuhan=30.58,114.27;Tianjin=39.14,117.18;Xi'an=34.26,108.93;Hangzhou=30.29,120.16;Nanjing=32.06,118.78
CX|Flying Fish Cove=-10.42,105.68
CC|West Island=-12.16,96.82
CO|Bogotá=4.61,-74.08;Medellín=6.25,-75.56;Cali=3.44,-76.52;Barranquilla=10.96,-74.8;Cartagena=10.4,-75.51
KM|Moroni=-11.7,43.26
CG|Brazzaville=-4.27,15.28;Pointe-Noire=-4.78,11.86
CK|Avarua=-21.21,-159.78
CR|San José=9.93,-84.08;Alajuela=10.02,-84.22;Cartago=9.87,-83.92;Limón=10,-83.03
CI|Yamoussoukro=6.82,-5.28;Abidjan=5.31,-4.01;Bouaké=7.69,-5.03
HR|Zagreb=45.81,15.98;Split=43.51,16.44;Rijeka=45.34,14.41;Osijek=45.55,18.69;Zadar=44.12,15.24
CU|Havana=23.13,-82.38;Santiago de Cuba=20.02,-75.82;Camagüey=21.38,-77.92;Holguín=20.89,-76.26
CW|Willemstad=12.11,-68.93
CY|Nicosia=35.17,33.37;Limassol=34.67,33.03;Larnaca=34.92,33.63;Paphos=34.77,32.42
CZ|Prague=50.09,14.42;Brno=49.2,16.61;Ostrava=49.83,18.28;Plzeň=49.75,13.38;Olomouc=49.6,17.25
CD|Kinshasa=-4.32,15.31;Lubumbashi=-11.66,27.48;Mbuji-Mayi=-6.14,23.59;Kisangani=0.52,25.19
DK|Copenhagen=55.68,12.57;Aarhus=56.16,10.21;Odense=55.4,10.39;Aalborg=57.05,9.92
DJ|Djibouti=11.59,43.15
DM|Roseau=15.3,-61.39
DO|Santo Domingo=18.5,-69.99;Santiago de los Caballeros=19.45,-70.7;La Romana=18.43,-68.97
EC|Quito=-0.23,-78.52;Guayaquil=-2.17,-79.9;Cuenca=-2.88,-78.98
EG|Cairo=30.06,31.25;Alexandria=31.22,29.96;Giza=30.01,31.21;Port Said=31.26,32.28;Luxor=25.7,32.64;Aswan=24.09,32.91
SV|San Salvador=13.69,-89.19;Santa Ana=13.99,-89.56
GQ|Malabo=3.75,8.78;Bata=1.86,9.77
ER|Asmara=15.33,38.93;Massawa=15.61,39.45
EE|Tallinn=59.44,24.75;Tartu=58.38,26.73;Narva=59.38,28.19;Pärnu=58.39,24.5
SZ|Mbabane=-26.32,31.13;Manzini=-26.48,31.37
ET|Addis Ababa=9.02,38.75;Dire Dawa=9.59,41.87;Gondar=12.6,37.47
FO|Tórshavn=62.01,-6.77
FK|Stanley=-51.7,-57.85
FJ|Suva=-18.14,178.44;Nadi=-17.8,177.42
FI|Helsinki=60.17,24.94;Espoo=60.21,24.65;Tampere=61.5,23.79;Turku=60.45,22.27;Oulu=65.01,25.47
FR|Paris=48.85,2.35;Marseille=43.3,5.38;Lyon=45.75,4.85;Toulouse=43.6,1.44;Nice=43.7,7.27;Nantes=47.22,-1.55;Strasbourg=48.58,7.74;Bordeaux=44.84,-0.58;Lille=50.63,3.06;Rennes=48.11,-1.67;Versailles=48.8,2.13;Boulogne-Billancourt=48.83,2.25;Créteil=48.78,2.47;Toulon=43.12,5.93;Aix-en-Provence=43.53,5.45;Grenoble=45.17,5.72;Saint-Étienne=45.43,4.4;Montauban=44.02,1.35;Angers=47.47,-0.55;Le Mans=48,0.2;Mulhouse=47.75,7.33;Colmar=48.08,7.37;Montpellier=43.61,3.88;Nîmes=43.83,4.35;Perpignan=42.7,2.9;Pau=43.3,-0.37;Calais=50.96,1.85;Brest=48.4,-4.48;Reims=49.25,4.03;Troyes=48.3,4.08;Rouen=49.44,1.1;Le Havre=49.49,0.11;Caen=49.19,-0.36;Cherbourg=49.64,-1.62;Dijon=47.32,5.02;Auxerre=47.8,3.57;Clermont-Ferrand=45.78,3.09;Vichy=46.12,3.42;Tours=47.38,0.68;Orléans=47.9,1.9;Bourges=47.08,2.4;Amiens=49.9,2.3;Beauvais=49.43,2.08;Limoges=45.83,1.26;Metz=49.12,6.17;Nancy=48.68,6.2;Besançon=47.25,6.02;Belfort=47.63,6.87;Poitiers=46.58,0.33;La Rochelle=46.17,-1.15;Ajaccio=41.93,8.73;Bastia=42.7,9.45;Antibes=43.56,7.13;Antony=48.75,2.3;Argenteuil=48.95,2.25;Asnières-sur-Seine=48.92,2.28;Aubervilliers=48.92,2.38;Aulnay-sous-Bois=48.94,2.49;Avignon=43.95,4.81;Béziers=43.35,3.22;Cannes=43.55,7.01;Cayenne=49.56,1.63;Cergy=49.04,2.08;Chambéry=45.57,5.93;Champigny-sur-Marne=48.82,2.49;Cholet=47.07,-0.88;Clichy=48.9,2.31;Colombes=48.92,2.25;Courbevoie=48.9,2.26;Drancy=48.93,2.45;Dunkerque=51.05,2.37;Fort-de-France=14.61,-61.07;Hyères=43.12,6.14;Issy-les-Moulineaux=48.82,2.28;Ivry-sur-Seine=48.82,2.38;La Seyne-sur-Mer=43.1,5.88;Le Tampon=-21.28,55.52;Les Abymes=16.27,-61.5;Levallois-Perret=48.89,2.29;Lorient=47.75,-3.37;Mérignac=44.83,-0.63;Montreuil=48.86,2.44;Nanterre=48.89,2.21;Neuilly-sur-Seine=48.88,2.27;Niort=46.32,-0.46;Noisy-le-Grand=48.85,2.56;Pessac=44.81,-0.64;Quimper=48,-4.1;Roubaix=50.69,3.17;Rueil-Malmaison=48.88,2.19;Saint-Denis=48.93,2.37;Saint-Maur-des-Fossés=48.79,2.49;Saint-Nazaire=47.28,-2.2;Saint-Paul=-21.01,55.27;Saint-Pierre=47.39,0.75;Saint-Quentin=49.85,3.29;Sarcelles=49,2.38;Tourcoing=50.72,3.16;Valence=44.93,4.9;Vénissieux=45.7,4.87;Villejuif=48.79,2.36;Villeneuve-d'Ascq=50.62,3.17;Villeurbanne=45.77,4.88;Vitry-sur-Seine=48.79,2.4
GF|Cayenne=4.93,-52.33;Kourou=5.16,-52.65
PF|Papeete=-17.53,-149.57
TF|Port-aux-Français=-49.35,70.22
GA|Libreville=0.39,9.45;Port-Gentil=-0.72,8.78
GM|Banjul=13.45,-16.58
GE|Tbilisi=41.69,44.83;Batumi=41.64,41.64;Kutaisi=42.25,42.7
DE|Berlin=52.52,13.41;Hamburg=53.55,10;Munich=48.14,11.58;Cologne=50.93,6.95;Frankfurt am Main=50.12,8.68;Stuttgart=48.78,9.18;Düsseldorf=51.22,6.78;Leipzig=51.34,12.37;Dresden=51.05,13.74;Bremen=53.08,8.81;München=48.14,11.58;Nürnberg=49.45,11.07;Augsburg=48.37,10.88;Regensburg=49.02,12.1;Würzburg=49.79,9.94;Köln=50.93,6.95;Dortmund=51.52,7.45;Essen=51.45,7.02;Duisburg=51.43,6.75;Wuppertal=51.27,7.18;Bielefeld=52.03,8.53;Bonn=50.73,7.1;Münster=51.96,7.63;Wiesbaden=50.08,8.25;Kassel=51.32,9.5;Darmstadt=49.87,8.65;Mannheim=49.49,8.46;Karlsruhe=49,8.39;Freiburg im Breisgau=48,7.85;Heidelberg=49.41,8.69;Ulm=48.4,9.99;Chemnitz=50.83,12.92;Bremerhaven=53.55,8.58;Hannover=52.37,9.73;Braunschweig=52.27,10.53;Oldenburg=53.17,8.2;Göttingen=51.53,9.93;Kiel=54.32,10.13;Lübeck=53.87,10.69;Flensburg=54.78,9.43;Magdeburg=52.17,11.67;Halle (Saale)=51.5,12;Erfurt=50.98,11.03;Jena=50.93,11.58;Gera=50.88,12.08;Rostock=54.09,12.14;Schwerin=53.63,11.41;Potsdam=52.4,13.07;Cottbus=51.76,14.33;Saarbrücken=49.23,7;Mainz=50,8.27;Trier=49.76,6.64;Koblenz=50.35,7.6;Aachen=50.78,6.08;Aalen=48.84,10.09;Ahlen=51.76,7.89;Arnsberg=51.38,8.08;Aschaffenburg=49.97,9.15;Bad Homburg vor der Höhe=50.23,8.62;Bad Kreuznach=49.83,7.87;Bad Oeynhausen=52.2,8.8;Bad Salzuflen=52.09,8.74;Baden-Baden=48.75,8.25;Bamberg=49.9,10.9;Bayreuth=49.95,11.58;Bergheim=50.96,6.64;Bergisch Gladbach=50.98,7.13;Böblingen=48.68,9.02;Bocholt=51.83,6.6;Bochum=51.48,7.22;Bottrop=51.52,6.92;Brandenburg an der Havel=52.42,12.55;Castrop-Rauxel=51.55,7.32;Celle=52.62,10.08;Delmenhorst=53.05,8.62;Dessau-Roßlau=51.84,12.25;Detmold=51.94,8.87;Dinslaken=51.57,6.73;Dormagen=51.1,6.83;Dorsten=51.67,6.97;Düren=50.8,6.48;Elmshorn=53.75,9.65;Emden=53.37,7.22;Erftstadt=50.82,6.77;Erlangen=49.59,11;Eschweiler=50.82,6.28;Esslingen am Neckar=48.74,9.3;Euskirchen=50.67,6.78;Frankfurt (Oder)=52.35,14.55;Frechen=50.92,6.82;Friedrichshafen=47.65,9.48;Fulda=50.55,9.68;Fürth=49.48,10.99;Garbsen=52.42,9.6;Gelsenkirchen=51.52,7.05;Gießen=50.58,8.65;Gladbeck=51.57,6.98;Göppingen=48.7,9.65;Görlitz=51.16,14.99;Goslar=51.9,10.43;Greifswald=54.1,13.38;Grevenbroich=51.09,6.58;Gronau (Westf.)=52.2,7.03;Gummersbach=51.03,7.55;Gütersloh=51.9,8.38;Hagen=51.35,7.47;Hameln=52.1,9.36;Hamm=51.68,7.82;Hanau=50.13,8.92;Hattingen=51.4,7.17;Heidenheim an der Brenz=48.68,10.15;Heilbronn=49.14,9.22;Herford=52.13,8.68;Herne=51.55,7.22;Herten=51.6,7.13;Hilden=51.17,6.93;Hildesheim=52.15,9.95;Hürth=50.87,6.87;Ibbenbüren=52.27,7.73;Ingolstadt=48.77,11.43;Iserlohn=51.37,7.7;Kaiserslautern=49.45,7.75;Kempten (Allgäu)=47.73,10.31;Kerpen=50.87,6.7;Kleve=51.78,6.15;Konstanz=47.66,9.18;Krefeld=51.33,6.57;Landshut=48.53,12.15;Langenfeld (Rheinland)=51.1,6.95;Langenhagen=52.45,9.75;Leonberg=48.8,9.02;Leverkusen=51.03,7;Lingen (Ems)=52.52,7.32;Lippstadt=51.67,8.35;Lörrach=47.61,7.66;Lüdenscheid=51.22,7.62;Ludwigsburg=48.9,9.19;Ludwigshafen am Rhein=49.48,8.44;Lüneburg=53.25,10.4;Lünen=51.62,7.52;Marburg=50.82,8.77;Marl=51.65,7.08;Meerbusch=51.28,6.67;Menden (Sauerland)=51.43,7.8;Minden=52.28,8.92;Moers=51.45,6.65;Mönchengladbach=51.2,6.43;Mülheim an der Ruhr=51.43,6.88;Neu-Ulm=48.39,10.01;Neubrandenburg=53.57,13.27;Neumünster=54.07,9.98;Neuss=51.2,6.68;Neustadt an der Weinstraße=49.36,8.14;Neuwied=50.43,7.47;Norderstedt=53.7,10.02;Nordhorn=52.43,7.08;Oberhausen=51.47,6.85;Offenbach am Main=50.1,8.77;Offenburg=48.48,7.93;Oldenburg (Oldenburg)=53.17,8.2;Osnabrück=52.27,8.05;Paderborn=51.72,8.75;Passau=48.57,13.45;Peine=52.32,10.23;Pforzheim=48.88,8.7;Plauen=50.5,12.13;Pulheim=51,6.8;Rastatt=48.85,8.2;Ratingen=51.3,6.85;Ravensburg=47.78,9.62;Recklinghausen=51.62,7.2;Remscheid=51.18,7.2;Reutlingen=48.49,9.2;Rheine=52.28,7.45;Rosenheim=47.86,12.12;Rüsselsheim am Main=49.99,8.44;Sankt Augustin=50.77,7.18;Schwäbisch Gmünd=48.8,9.8;Schweinfurt=50.05,10.23;Siegen=50.87,8.03;Sindelfingen=48.7,9.02;Solingen=51.18,7.08;Speyer=49.33,8.43;Stolberg (Rheinland)=50.77,6.23;Stralsund=54.31,13.08;Troisdorf=50.82,7.17;Tübingen=48.52,9.05;Unna=51.53,7.68;Velbert=51.33,7.05;Viersen=51.25,6.38;Villingen-Schwenningen=48.06,8.49;Waiblingen=48.83,9.32;Weimar=50.98,11.32;Wesel=51.67,6.62;Wetzlar=50.55,8.5;Wilhelmshaven=53.52,8.13;Willich=51.27,6.55;Witten=51.43,7.33;Wolfenbüttel=52.17,10.55;Wolfsburg=52.43,10.8;Worms=49.64,8.36;Zwickau=50.73,12.5
GH|Accra=5.56,-0.2;Kumasi=6.69,-1.62;Tamale=9.4,-0.84;Takoradi=4.88,-1.76
GI|Gibraltar=36.14,-5.35
GR|Athens=37.98,23.72;Thessaloniki=40.64,22.94;Patras=38.24,21.73;Heraklion=35.33,25.14;Larissa=39.64,22.42
GL|Nuuk=64.18,-51.72
GD|St. George's=12.06,-61.75
GP|Basse-Terre=16,-61.73;Pointe-à-Pitre=16.24,-61.53
GU|Hagåtña=13.48,144.75;Dededo=13.52,144.84
GT|Guatemala City=14.64,-90.51;Quetzaltenango=14.83,-91.52;Antigua Guatemala=14.56,-90.73
GG|St Peter Port=49.46,-2.54
GN|Conakry=9.54,-13.68;Kankan=10.39,-9.31
GW|Bissau=11.86,-15.6
GY|Georgetown=6.8,-58.16
HT|Port-au-Prince=18.54,-72.33;Cap-Haïtien=19.76,-72.2
VA|Vatican City=41.9,12.45
HN|Tegucigalpa=14.08,-87.21;San Pedro Sula=15.5,-88.03
HK|Hong Kong=22.29,114.16;Kowloon=22.32,114.18
HU|Budapest=47.5,19.04;Debrecen=47.53,21.63;Szeged=46.25,20.15;Miskolc=48.1,20.78;Pécs=46.08,18.23
IS|Reykjavík=64.14,-21.9;Akureyri=65.68,-18.09
IN|New Delhi=28.67,77.22;Mumbai=19.07,72.88;Bangalore=12.97,77.59;Kolkata=22.57,88.37;Chennai=13.09,80.28;Hyderabad=17.38,78.47;Ahmedabad=23.03,72.62;Pune=18.52,73.86;Jaipur=26.92,75.79;Lucknow=26.85,80.92
ID|Jakarta=-6.21,106.85;Surabaya=-7.25,112.75;Bandung=-6.9,107.62;Medan=3.58,98.67;Semarang=-6.99,110.42;Makassar=-5.14,119.42;Denpasar=-8.65,115.22
IR|Tehran=35.69,51.42;Mashhad=36.3,59.61;Isfahan=32.66,51.68;Karaj=35.84,51.01;Shiraz=29.6,52.54;Tabriz=38.08,46.29
IQ|Baghdad=33.34,44.4;Basra=30.53,47.8;Mosul=36.34,43.12;Erbil=36.19,44.01
IE|Dublin=53.33,-6.25;Cork=51.9,-8.47;Limerick=52.66,-8.62;Galway=53.27,-9.05;Waterford=52.26,-7.11
IM|Douglas=54.15,-4.48
IL|Jerusalem=31.77,35.22;Tel Aviv=32.08,34.78;Haifa=32.82,34.99;Beersheba=31.25,34.79
IT|Rome=41.89,12.48;Milan=45.46,9.19;Naples=40.83,14.25;Turin=45.07,7.69;Palermo=38.12,13.36;Genoa=44.41,8.93;Bologna=44.49,11.34;Florence=43.77,11.25;Venice=45.44,12.33
JM|Kingston=18,-76.79;Montego Bay=18.47,-77.92
JP|Tokyo=35.69,139.69;Yokohama=35.45,139.64;Osaka=34.69,135.5;Nagoya=35.18,136.91;Sapporo=43.06,141.35;Fukuoka=33.61,130.42;Kobe=34.69,135.18;Kyoto=35.02,135.75;Sendai=38.27,140.87;Hiroshima=34.4,132.46;札幌市=43.06,141.35;青森市=40.82,140.74;盛岡市=39.7,141.15;仙台市=38.27,140.87;秋田市=39.72,140.1;山形市=38.24,140.36;福島市=37.75,140.47;水戸市=36.34,140.45;宇都宮市=36.57,139.88;前橋市=36.39,139.06;さいたま市=35.91,139.66;千葉市=35.6,140.12;八王子市=35.66,139.32;横浜市=35.45,139.64;川崎市=35.52,139.72;新潟市=37.9,139.02;富山市=36.7,137.21;金沢市=36.59,136.63;福井市=36.06,136.22;甲府市=35.66,138.57;長野市=36.65,138.18;岐阜市=35.42,136.76;静岡市=34.98,138.38;浜松市=34.7,137.73;名古屋市=35.18,136.91;津市=34.73,136.51;大津市=35,135.87;京都市=35.02,135.75;大阪市=34.69,135.5;堺市=34.58,135.47;神戸市=34.69,135.18;奈良市=34.69,135.8;和歌山市=34.23,135.17;鳥取市=35.5,134.23;松江市=35.47,133.05;岡山市=34.66,133.94;広島市=34.4,132.46;山口市=34.19,131.47;徳島市=34.07,134.56;高松市=34.34,134.04;松山市=33.84,132.77;高知市=33.56,133.53;福岡市=33.61,130.42;北九州市=33.83,130.83;佐賀市=33.25,130.3;長崎市=32.74,129.87;熊本市=32.79,130.74;大分市=33.24,131.61;宮崎市=31.91,131.42;鹿児島市=31.56,130.56;那覇市=26.21,127.68
JE|St Helier=49.19,-2.1
JO|Amman=31.96,35.95;Zarqa=32.07,36.09;Irbid=32.56,35.85;Aqaba=29.53,35.01
KZ|Astana=51.18,71.45;Almaty=43.26,76.93;Shymkent=42.3,69.6;Karaganda=49.83,73.17
KE|Nairobi=-1.28,36.82;Mombasa=-4.05,39.66;Kisumu=-0.1,34.76;Nakuru=-0.28,36.07
KI|South Tarawa=1.33,172.98
KP|Pyongyang=39.03,125.75;Hamhung=39.92,127.54;Chongjin=41.8,129.78
KR|Seoul=37.57,126.98;Busan=35.1,129.04;Incheon=37.45,126.73;Daegu=35.87,128.59;Daejeon=36.32,127.42;Gwangju=35.15,126.92
KW|Kuwait City=29.37,47.98
KG|Bishkek=42.87,74.59;Osh=40.52,72.81
LA|Vientiane=17.97,102.6;Luang Prabang=19.89,102.13;Pakse=15.12,105.78
LV|Riga=56.95,24.11;Daugavpils=55.88,26.53;Liepāja=56.52,21.02
LB|Beirut=33.89,35.49;Tripoli=34.44,35.85;Sidon=33.56,35.37
LS|Maseru=-29.32,27.48
LR|Monrovia=6.3,-10.8
LY|Tripoli=32.88,13.19;Benghazi=32.12,20.07;Misrata=32.38,15.09
LI|Vaduz=47.14,9.52
LT|Vilnius=54.69,25.28;Kaunas=54.9,23.9;Klaipėda=55.72,21.12
LU|Luxembourg=49.61,6.13;Esch-sur-Alzette=49.5,5.98
MO|Macau=22.2,113.55
MG|Antananarivo=-18.91,47.54;Toamasina=-18.15,49.4
MW|Lilongwe=-13.97,33.79;Blantyre=-15.78,35.01
MY|Kuala Lumpur=3.14,101.69;George Town=5.41,100.34;Johor Bahru=1.47,103.76;Ipoh=4.58,101.08;Kuching=1.55,110.33
MV|Malé=4.17,73.51
ML|Bamako=12.65,-8;Sikasso=11.32,-5.67
MT|Valletta=35.9,14.51;Birkirkara=35.9,14.46
MH|Majuro=7.09,171.38
MQ|Fort-de-France=14.61,-61.07
MR|Nouakchott=18.09,-15.98;Nouadhibou=20.93,-17.03
MU|Port Louis=-20.16,57.5;Curepipe=-20.31,57.52
YT|Mamoudzou=-12.78,45.23
MX|Mexico City=19.43,-99.13;Guadalajara=20.67,-103.33;Monterrey=25.67,-100.32;Puebla=19.05,-98.2;Tijuana=32.5,-117;León=21.12,-101.67;Mérida=20.97,-89.62;Cancún=21.17,-86.85
FM|Palikir=6.92,158.16
MD|Chișinău=47.01,28.86;Bălți=47.76,27.93
MC|Monaco=43.73,7.42
MN|Ulaanbaatar=47.91,106.88;Erdenet=49.03,104.08
ME|Podgorica=42.44,19.26;Nikšić=42.77,18.94
MS|Brades=16.79,-62.21
MA|Rabat=34.01,-6.83;Casablanca=33.59,-7.61;Marrakesh=31.63,-8;Fez=34.04,-5;Tangier=35.77,-5.8;Agadir=30.42,-9.6
MZ|Maputo=-25.97,32.58;Beira=-19.84,34.84;Nampula=-15.12,39.27
MM|Naypyidaw=19.75,96.13;Yangon=16.81,96.16;Mandalay=21.97,96.08
NA|Windhoek=-22.56,17.08;Walvis Bay=-22.96,14.51
NP|Kathmandu=27.7,85.32;Pokhara=28.27,83.97;Lalitpur=27.68,85.31
NL|Amsterdam=52.37,4.89;Rotterdam=51.92,4.48;The Hague=52.08,4.3;Utrecht=52.09,5.12;Eindhoven=51.44,5.48;Groningen=53.22,6.57
NC|Nouméa=-22.28,166.46
NZ|Wellington=-41.29,174.78;Auckland=-36.87,174.77;Christchurch=-43.53,172.63;Hamilton=-37.78,175.28;Dunedin=-45.87,170.5
NI|Managua=12.13,-86.25;León=12.44,-86.88;Granada=11.93,-85.96
NE|Niamey=13.51,2.11;Zinder=13.81,8.99
NG|Abuja=9.07,7.48;Lagos=6.45,3.4;Kano=12,8.52;Ibadan=7.39,3.9;Port Harcourt=4.78,7.01;Benin City=6.34,5.63
NU|Alofi=-19.06,-169.92
NF|Kingston=-29.05,167.97
MK|Skopje=42,21.43;Bitola=41.03,21.34;Ohrid=41.12,20.8
MP|Saipan=15.21,145.75
NO|Oslo=59.91,10.75;Bergen=60.39,5.32;Trondheim=63.43,10.4;Stavanger=58.97,5.73;Tromsø=69.65,18.96
OM|Muscat=23.61,58.59;Salalah=17.02,54.09;Sohar=24.36,56.75
PK|Islamabad=33.72,73.04;Karachi=24.91,67.08;Lahore=31.55,74.34;Faisalabad=31.42,73.08;Rawalpindi=33.6,73.07;Peshawar=34.01,71.58
PS|Ramallah=31.9,35.2;Gaza=31.5,34.47;Hebron=31.53,35.09;Nablus=32.22,35.25
PA|Panama City=8.99,-79.52;Colón=9.36,-79.9;David=8.43,-82.43
PG|Port Moresby=-9.44,147.18;Lae=-6.72,146.98
PY|Asunción=-25.3,-57.64;Encarnación=-27.33,-55.87
PE|Lima=-12.04,-77.03;Arequipa=-16.4,-71.53;Trujillo=-8.12,-79.03;Cusco=-13.52,-71.98;Chiclayo=-6.77,-79.84
PH|Manila=14.6,120.98;Quezon City=14.65,121.05;Davao City=7.07,125.61;Cebu City=10.32,123.89;Zamboanga City=6.91,122.07
PN|Adamstown=-25.07,-130.1
PL|Warsaw=52.23,21.01;Kraków=50.08,19.92;Łódź=51.75,19.47;Wrocław=51.1,17.03;Poznań=52.41,16.93;Gdańsk=54.35,18.65;Szczecin=53.43,14.55
PT|Lisbon=38.72,-9.13;Porto=41.15,-8.61;Braga=41.55,-8.42;Coimbra=40.21,-8.42;Faro=37.02,-7.93
PR|San Juan=18.47,-66.11;Bayamón=18.4,-66.16;Ponce=18.01,-66.61;Mayagüez=18.2,-67.14
QA|Doha=25.28,51.52;Al Rayyan=25.29,51.42
RE|Saint-Denis=-20.88,55.45;Saint-Pierre=-21.34,55.48
RO|Bucharest=44.43,26.11;Cluj-Napoca=46.77,23.6;Timișoara=45.75,21.23;Iași=47.17,27.6;Constanța=44.18,28.65
RU|Moscow=55.75,37.62;Saint Petersburg=59.89,30.26;Novosibirsk=55.04,82.93;Yekaterinburg=56.86,60.61;Kazan=55.79,49.12;Nizhny Novgorod=56.33,44;Samara=53.2,50.15
RW|Kigali=-1.95,30.06;Butare=-2.6,29.74
BL|Gustavia=17.9,-62.85
SH|Jamestown=-15.94,-5.72
KN|Basseterre=17.29,-62.73
LC|Castries=14,-61.01
MF|Marigot=18.07,-63.08
PM|Saint-Pierre=46.78,-56.17
VC|Kingstown=13.16,-61.22
WS|Apia=-13.83,-171.77
SM|San Marino=43.94,12.45
ST|São Tomé=0.34,6.73
SA|Riyadh=24.69,46.72;Jeddah=21.52,39.22;Mecca=21.43,39.83;Medina=24.47,39.61;Dammam=26.43,50.1
SN|Dakar=14.69,-17.44
RS|Belgrade=44.8,20.47;Novi Sad=45.25,19.84;Niš=43.32,21.9;Kragujevac=44.02,20.92
SC|Victoria=-4.62,55.45
SL|Freetown=8.48,-13.23;Bo=7.96,-11.74
SG|Singapore=1.29,103.85
SX|Philipsburg=18.03,-63.05
SK|Bratislava=48.15,17.11;Košice=48.71,21.26;Prešov=49,21.23;Žilina=49.22,18.74
SI|Ljubljana=46.05,14.51;Maribor=46.55,15.65;Celje=46.23,15.26
SB|Honiara=-9.43,159.95
SO|Mogadishu=2.04,45.34;Hargeisa=9.56,44.06
ZA|Pretoria=-25.74,28.19;Johannesburg=-26.2,28.04;Cape Town=-33.93,18.42;Durban=-29.86,31.03;Port Elizabeth=-33.92,25.57;Bloemfontein=-29.12,26.21
SS|Juba=4.85,31.58;Wau=7.7,28
ES|Madrid=40.42,-3.7;Barcelona=41.39,2.16;Valencia=39.47,-0.38;Seville=37.38,-5.98;Zaragoza=41.66,-0.88;Málaga=36.72,-4.42;Bilbao=43.26,-2.93;Palma=39.57,2.65;Alcalá de Henares=40.48,-3.36;Tarragona=41.12,1.25;Lérida=41.62,0.62;Gerona=41.98,2.82;Alicante=38.35,-0.48;Elche=38.26,-0.7;Castellón de la Plana=39.98,-0.03;Sevilla=37.38,-5.98;Córdoba=37.88,-4.77;Granada=37.19,-3.61;Almería=36.84,-2.46;Cádiz=36.53,-6.3;Huelva=37.26,-6.95;Jaén=37.77,-3.78;Huesca=42.14,-0.41;Teruel=40.35,-1.11;Murcia=37.99,-1.13;Cartagena=37.61,-0.99;Ibiza=38.91,1.43;Las Palmas de Gran Canaria=28.1,-15.41;Santa Cruz de Tenerife=28.47,-16.25;San Sebastián=43.31,-1.97;Vitoria=42.85,-2.67;Oviedo=43.36,-5.84;Gijón=43.54,-5.66;La Coruña=43.37,-8.4;Vigo=42.23,-8.72;Santiago de Compostela=42.88,-8.55;Lugo=43,-7.57;Orense=42.33,-7.85;Valladolid=41.66,-4.72;Salamanca=40.97,-5.65;Burgos=42.35,-3.7;León=42.6,-5.57;Segovia=40.95,-4.12;Toledo=39.86,-4.02;Albacete=38.98,-1.85;Ciudad Real=38.98,-3.93;Guadalajara=40.63,-3.17;Santander=43.46,-3.8;Logroño=42.47,-2.45;Pamplona=42.82,-1.64;Badajoz=38.88,-6.97;Cáceres=39.48,-6.37;Mérida=38.92,-6.34;Parla=40.24,-3.77;Telde=27.99,-15.42;Baracaldo=43.3,-3;San Fernando=36.48,-6.2;Torrevieja=37.98,-0.68;Lorca=37.67,-1.7;Coslada=40.42,-3.56;Talavera de la Reina=39.96,-4.83;El Puerto de Santa María=36.59,-6.23;Cornellá de Llobregat=41.35,2.08;Avilés=43.55,-5.92;Palencia=42.02,-4.53;Gecho=43.36,-3.01;Orihuela=38.08,-0.94;Pontevedra=42.43,-8.64;Pozuelo de Alarcón=40.43,-3.81;El Ejido=36.78,-2.81;Gandía=38.97,-0.18;Ceuta=35.89,-5.32;Ferrol=43.48,-8.24;Chiclana de la Frontera=36.42,-6.15;Manresa=41.72,1.83;Roquetas de Mar=36.76,-2.61;Rubí=41.49,2.03;Benidorm=38.54,-0.13;San Sebastían de los Reyes=40.54,-3.62;Ponferrada=42.55,-6.6;Zamora=41.5,-5.75;Alcalá de Guadaira=37.34,-5.84;Fuengirola=36.54,-4.62;Mijas=36.6,-4.64;Sanlúcar de Barrameda=36.78,-6.35;La Línea de la Concepción=36.17,-5.35;Majadahonda=40.47,-3.87;Sagunto=39.68,-0.27;El Prat de LLobregat=41.33,2.09;Viladecans=41.31,2.01;Linares=38.1,-3.64;Alcoy=38.71,-0.47;Irún=43.34,-1.79;Estepona=36.43,-5.15;Torremolinos=36.62,-4.5;Molina de Segura=38.05,-1.21;Paterna=39.5,-0.43;Granollers=41.61,2.29;Santa Lucía de Tirajana=27.91,-15.54;Motril=36.75,-3.52;Cerdañola del Vallés=41.49,2.14;Arrecife=28.96,-13.55;Torrelavega=43.35,-4.05;Elda=38.48,-0.79;Ávila=40.65,-4.7;Valdemoro=40.19,-3.68;Collado Villalba=40.64,-4;Benalmádena=36.6,-4.57;Mollet del Vallés=41.54,2.21;Puertollano=38.69,-4.11;Palma de Mallorca=39.57,2.65;Hospitalet de LLobregat=41.36,2.1;Badalona=41.45,2.25;Móstoles=40.32,-3.86;Jerez de la Frontera=36.69,-6.14;Tarrasa=41.57,2.02;Sabadell=41.54,2.11;Fuenlabrada=40.28,-3.79;Leganés=40.33,-3.76;Alcorcón=40.35,-3.82;Getafe=40.31,-3.73;San Cristróbal de la Laguna=28.49,-16.32;Marbella=36.52,-4.89;Mataró=41.54,2.44;Dos Hermanas=37.28,-5.92;Santa Coloma de Gramanet=41.45,2.21;Algeciras=36.13,-5.45;Torrejón de Ardoz=40.46,-3.47;Alcobendas=40.55,-3.64;Reus=41.16,1.11;Calahorra=42.31,-1.97;Inca=39.72,2.91
LK|Sri Jayawardenepura Kotte=6.9,79.91;Colombo=6.93,79.85;Kandy=7.3,80.64;Galle=6.04,80.22
SD|Khartoum=15.55,32.53;Omdurman=15.64,32.48;Port Sudan=19.62,37.22
SR|Paramaribo=5.87,-55.17
SJ|Longyearbyen=78.22,15.64
SE|Stockholm=59.33,18.06;Gothenburg=57.71,11.97;Malmö=55.61,13;Uppsala=59.86,17.65;Västerås=59.62,16.55
CH|Bern=46.95,7.45;Zurich=47.37,8.55;Geneva=46.2,6.15;Basel=47.56,7.57;Lausanne=46.52,6.63;Lucerne=47.05,8.31
SY|Damascus=33.51,36.29;Aleppo=36.2,37.16;Homs=34.73,36.72;Latakia=35.51,35.78
TW|Taipei=25.05,121.53;Kaohsiung=22.62,120.31;Taichung=24.15,120.68;Tainan=22.99,120.21
TJ|Dushanbe=38.54,68.78;Khujand=40.28,69.62
TZ|Dodoma=-6.17,35.74;Dar es Salaam=-6.82,39.27;Mwanza=-2.52,32.9;Arusha=-3.37,36.68;Zanzibar City=-6.16,39.2
TH|Bangkok=13.75,100.5;Chiang Mai=18.79,98.98;Pattaya=12.93,100.88;Phuket=7.89,98.4;Khon Kaen=16.45,102.83
TL|Dili=-8.56,125.57
TG|Lomé=6.14,1.21;Sokodé=8.98,1.13
TO|Nukuʻalofa=-21.13,-175.2
TT|Port of Spain=10.67,-61.52;San Fernando=10.28,-61.47;Chaguanas=10.52,-61.42
TN|Tunis=36.82,10.17;Sfax=34.74,10.76;Sousse=35.83,10.64
TR|Ankara=39.92,32.85;Istanbul=41.01,28.95;Izmir=38.41,27.14;Bursa=40.19,29.06;Antalya=36.91,30.7;Adana=37,35.33
TM|Ashgabat=37.95,58.38;Türkmenabat=39.07,63.58
TC|Cockburn Town=21.46,-71.14
TV|Funafuti=-8.52,179.19
UG|Kampala=0.32,32.58;Gulu=2.77,32.3;Mbarara=-0.6,30.65
UA|Kyiv=50.45,30.52;Kharkiv=49.98,36.25;Odesa=46.48,30.73;Dnipro=48.45,34.98;Lviv=49.84,24.02;Zaporizhzhia=47.82,35.19
AE|Abu Dhabi=24.47,54.37;Dubai=25.26,55.3;Sharjah=25.36,55.4;Al Ain=24.19,55.76
GB|London=51.51,-0.13;Birmingham=52.48,-1.9;Manchester=53.48,-2.24;Glasgow=55.87,-4.26;Liverpool=53.41,-2.98;Leeds=53.8,-1.55;Edinburgh=55.95,-3.2;Bristol=51.46,-2.6;Cardiff=51.48,-3.18;Belfast=54.58,-5.93
UY|Montevideo=-34.83,-56.17;Salto=-31.38,-57.97;Paysandú=-32.32,-58.08
UZ|Tashkent=41.26,69.22;Samarkand=39.65,66.96;Bukhara=39.77,64.43;Namangan=41,71.67
VU|Port Vila=-17.73,168.32
VE|Caracas=10.49,-66.88;Maracaibo=10.63,-71.64;Valencia=10.16,-68.01;Barquisimeto=10.07,-69.32
VN|Hanoi=21.02,105.84;Ho Chi Minh City=10.75,106.67;Da Nang=16.07,108.22;Haiphong=20.86,106.68;Can Tho=10.03,105.78
VG|Road Town=18.42,-64.62
VI|Charlotte Amalie=18.34,-64.93
WF|Mata-Utu=-13.28,-176.17
EH|Laayoune=27.16,-13.2;Dakhla=23.68,-15.96
YE|Sana'a=15.35,44.21;Aden=12.78,45.04;Taiz=13.58,44.02
ZM|Lusaka=-15.41,28.29;Kitwe=-12.8,28.21;Ndola=-12.96,28.64
ZW|Harare=-17.83,31.05;Bulawayo=-20.15,28.58;Mutare=-18.97,32.67`;
